import type { usage as enUsage } from '../en/usage';
import type { MessageValue } from '../en';

export const usage: { readonly [K in keyof typeof enUsage]: MessageValue } = {
  'usage.title': 'وقتك خارج ساعات العمل',
  'usage.loading': 'جارٍ التحميل…',
  'usage.error': 'تعذّر تحميل بيانات استخدامك: {message}',
  'usage.privacy': 'محفوظة في هذا المتصفح فقط. لا تُزامَن أبدًا، ولا تُرسَل إلى خادم الفريق، ولا يراها أي قائد فريق.',
  'usage.settings': 'ساعات العمل وبياناتك',

  'usage.empty.title': 'لا وقت مسجّل في صناديق الرسائل بعد',
  'usage.empty.body':
    'يحسب Baton الوقت الذي يكون فيه صندوق رسائل مدعوم هو التبويب النشط وأنت أمام لوحة المفاتيح، ويعرض هنا مقدار ما وقع منه خارج ساعات عملك.',

  'usage.today': 'اليوم خارج ساعات العمل',
  'usage.week': 'آخر 7 أيام خارج ساعات العمل',
  'usage.change.up': 'أكثر بنسبة {percent} من الأيام السبعة السابقة',
  'usage.change.down': 'أقل بنسبة {percent} من الأيام السبعة السابقة',
  'usage.change.same': 'مثل الأيام السبعة السابقة',
  'usage.change.none': 'لا شيء للمقارنة بعد',
  'usage.todayVsLastWeek': 'اليوم نفسه من الأسبوع الماضي: {time}',

  'usage.chart.title': 'آخر 7 أيام',
  'usage.chart.inHours': 'ضمن ساعات العمل',
  'usage.chart.afterHours': 'خارج ساعات العمل',
  'usage.chart.day': 'اليوم',
  'usage.chart.showTable': 'اعرض كجدول',
  'usage.chart.hideTable': 'أخفِ الجدول',
  'usage.chart.summary': '{after} خارج ساعات العمل و{in} ضمنها خلال آخر 7 أيام.',

  'usage.trend.title': 'خارج ساعات العمل، آخر 4 أسابيع',
  'usage.trend.week': '{from} – {to}',
  'usage.trend.thisWeek': 'هذا الأسبوع',

  'usage.lateNights': 'السهرات المتأخرة',
  'usage.lateNights.value': {
    zero: '{count} ليلة',
    one: 'ليلة واحدة ({count})',
    two: 'ليلتان ({count})',
    few: '{count} ليالٍ',
    many: '{count} ليلة',
    other: '{count} ليلة',
  },
  'usage.lateNights.hint': 'أيام فيها وقت على صناديق الرسائل بين 22:00 و05:00',
  'usage.longest': 'أطول فترة متواصلة خارج ساعات العمل',
  'usage.longest.none': 'لا يوجد',
  'usage.longest.hint': 'الاستراحات الأقصر من 5 دقائق لا تُنهي الفترة',

  'usage.platforms.title': 'حسب المنصة، آخر 7 أيام',
  'usage.platforms.platform': 'المنصة',

  'usage.shift.off': 'أنت خارج نوبتك',
  'usage.shift.next': 'تبدأ نوبتك التالية {time}.',
  'usage.shift.noNext': 'لا نوبة قادمة في ساعات عملك.',
  'usage.shift.on': 'ضمن النوبة',
  'usage.shift.onUntil': 'ضمن النوبة حتى {time}',
  'usage.shift.coverage': 'سيظهر هنا من يغطي الفريق الآن عندما يتشارك فريقك قائمة انتظار.',

  'usage.nudge.budget': 'قضيت {time} على صناديق الرسائل خارج ساعات العمل في آخر 7 أيام، أكثر من الحد الذي وضعته ({budget}).',
  'usage.nudge.lateNights': {
    zero: 'لم تسهر على صناديق الرسائل هذا الأسبوع ({count}).',
    one: 'سهرت على صناديق الرسائل ليلة واحدة ({count}) هذا الأسبوع. الراحة مهمة أيضًا.',
    two: 'سهرت على صناديق الرسائل ليلتين ({count}) هذا الأسبوع. الراحة مهمة أيضًا.',
    few: 'سهرت على صناديق الرسائل {count} ليالٍ هذا الأسبوع. الراحة مهمة أيضًا.',
    many: 'سهرت على صناديق الرسائل {count} ليلة هذا الأسبوع. الراحة مهمة أيضًا.',
    other: 'سهرت على صناديق الرسائل {count} ليلة هذا الأسبوع. الراحة مهمة أيضًا.',
  },
  'usage.nudge.dismiss': 'إخفاء',

  'usage.duration.underMinute': 'أقل من دقيقة',
  'usage.duration.minutes': '{m} د',
  'usage.duration.hours': '{h} س {m} د',
  'usage.duration.hoursOnly': '{h} س',

  'usageOptions.title': 'الاستخدام خارج ساعات العمل',
  'usageOptions.intro':
    'يحسب Baton وقتك الشخصي على صناديق الرسائل خارج هذه الساعات. يبقى في هذا المتصفح: لا يُزامَن، ولا يُرسَل إلى خادم الفريق، ولا يراه أي قائد فريق.',
  'usageOptions.schedule': 'ساعات عملك',
  'usageOptions.nudges': 'تنبيهات لطيفة (معطّلة ما لم تضبطها)',
  'usageOptions.budget': 'الحد الأسبوعي خارج ساعات العمل (بالساعات، فارغ = معطّل)',
  'usageOptions.lateNights': 'عدد السهرات المتأخرة أسبوعيًا قبل التنبيه (1–7، فارغ = معطّل)',
  'usageOptions.error.budget': 'أدخل عدد ساعات أكبر من 0 (حتى 168)، أو اتركه فارغًا.',
  'usageOptions.error.lateNights': 'أدخل عددًا صحيحًا من 1 إلى 7، أو اتركه فارغًا.',
  'usageOptions.data': 'بياناتك',
  'usageOptions.exportJson': 'تصدير (JSON)',
  'usageOptions.exportCsv': 'تصدير (CSV)',
  'usageOptions.delete': 'احذف بيانات استخدامي',
  'usageOptions.deleteConfirm': 'حذف كل بيانات الاستخدام المحفوظة في هذا المتصفح؟ لا يمكن التراجع عن ذلك.',
  'usageOptions.deleteYes': 'احذف كل شيء',
  'usageOptions.cancel': 'إلغاء',
  'usageOptions.deleted': 'حُذفت بيانات استخدامك.',
  'usageOptions.failed': 'لم ينجح ذلك: {message}',
};
