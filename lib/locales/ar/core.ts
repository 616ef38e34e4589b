import type { core as enCore } from '../en/core';
import type { MessageValue } from '../en';

export const core: { readonly [K in keyof typeof enCore]: MessageValue } = {
  'app.name': 'Baton',
  'app.description': 'مؤقتات الرد والردود الجاهزة وقائمة انتظار مشتركة داخل صناديق الرسائل الاجتماعية.',

  'health.title': 'التعرّف على صناديق الرسائل',
  'health.recognised': 'تم التعرّف',
  'health.notRecognised': 'لم يتم التعرّف على التخطيط',
  'health.notSeen': 'لم يُفتح بعد',
  'health.checkedAt': 'آخر فحص {time}',
  'health.missing': 'مفقود: {names}',
};
