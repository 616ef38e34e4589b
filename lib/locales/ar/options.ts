import type { options as enOptions } from '../en/options';
import type { MessageValue } from '../en';

export const options: { readonly [K in keyof typeof enOptions]: MessageValue } = {
  'options.title': 'إعدادات Baton',
  'options.saved': 'تم الحفظ',
  'options.save': 'حفظ',
  'options.saveFailed': 'لم يتم الحفظ: صحّح الحقول المشار إليها أدناه.',
  'options.language': 'اللغة',
  'options.language.auto': 'لغة المتصفح',

  'sla.title': 'أهداف الاستجابة',
  'sla.intro': 'المدة التي يمكن أن ينتظرها العميل قبل أن يتحوّل المؤقت إلى اللون الكهرماني ثم الأحمر.',
  'sla.replyTarget': 'هدف الرد (بالساعات)',
  'sla.firstResponse': 'هدف أول استجابة (بالساعات، اختياري)',
  'sla.warnAt': 'التنبيه عند (٪ من الهدف)',
  'sla.perPlatform': 'هدف الرد لكل منصة (بالساعات، فارغ = هدف الفريق)',
  'sla.mode': 'احتساب وقت الانتظار',
  'sla.mode.always': 'على مدار الساعة (24/7)',
  'sla.mode.business': 'خلال ساعات العمل فقط',
  'sla.error.hours': 'أدخل عدد ساعات أكبر من 0 (حتى 1440).',
  'sla.error.percent': 'أدخل نسبة بين 1 و99.',

  'platforms.title': 'المنصات',
  'platforms.enabled': 'إظهار Baton على {platform}',

  'schedule.timeZone': 'المنطقة الزمنية',
  'schedule.dayOff': 'يوم عطلة',
  'schedule.addPeriod': 'إضافة فترة',
  'schedule.removePeriod': 'إزالة الفترة {start}–{end}',
  'schedule.from': 'من',
  'schedule.to': 'إلى',
  'schedule.overnight': 'تنتهي في اليوم التالي',
  'schedule.holidays': 'العطلات وأيام الإجازة',
  'schedule.addHoliday': 'إضافة تاريخ',
  'schedule.removeHoliday': 'إزالة {date}',
  'schedule.noHolidays': 'لم تُضف أي تواريخ.',
  'schedule.error.time': 'استخدم وقتًا مثل 09:00.',
  'schedule.error.zone': 'منطقة زمنية غير معروفة.',
  'schedule.error.date': 'استخدم تاريخًا مثل 2026-12-25.',
};
