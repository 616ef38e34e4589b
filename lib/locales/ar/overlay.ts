/** الطبقات فوق صفحات المنصات: شارة مؤقت الرد. */
import type { overlay as enOverlay } from '../en/overlay';
import type { MessageValue } from '../en';

export const overlay: { readonly [K in keyof typeof enOverlay]: MessageValue } = {
  'overlay.timer.answered': 'تم الرد',
  'overlay.timer.unknown': '؟',

  'overlay.timer.label.waiting': 'ينتظر منذ {waited}، والرد مستحق خلال {left}',
  'overlay.timer.label.overdue': 'ينتظر منذ {waited}، متأخر بمقدار {over}',
  'overlay.timer.label.dueAt': '{status}؛ موعد الاستحقاق {at}',
  'overlay.timer.label.answered': 'تم الرد، لا يوجد رد مستحق',
  'overlay.timer.label.unknown': 'مدة الانتظار غير معروفة',
  'overlay.timer.label.named': '{name}: {status}',

  'overlay.duration.days': {
    zero: '{count} يوم',
    one: 'يوم واحد',
    two: 'يومان',
    few: '{count} أيام',
    many: '{count} يومًا',
    other: '{count} يوم',
  },
  'overlay.duration.hours': {
    zero: '{count} ساعة',
    one: 'ساعة واحدة',
    two: 'ساعتان',
    few: '{count} ساعات',
    many: '{count} ساعة',
    other: '{count} ساعة',
  },
  'overlay.duration.minutes': {
    zero: '{count} دقيقة',
    one: 'دقيقة واحدة',
    two: 'دقيقتان',
    few: '{count} دقائق',
    many: '{count} دقيقة',
    other: '{count} دقيقة',
  },
  'overlay.duration.underMinute': 'أقل من دقيقة',
  'overlay.duration.pair': '{a} و{b}',
};
