/** Arabic (right-to-left). Every English key must be here; plural forms per CLDR Arabic rules. */
import type { Messages } from './en';

export const ar: Messages = {
  'app.name': 'Baton',
  'app.description': 'مؤقتات الرد والردود الجاهزة وقائمة انتظار مشتركة داخل صناديق الرسائل الاجتماعية.',

  'health.title': 'التعرّف على صناديق الرسائل',
  'health.recognised': 'تم التعرّف',
  'health.notRecognised': 'لم يتم التعرّف على التخطيط',
  'health.notSeen': 'لم يُفتح بعد',
  'health.checkedAt': 'آخر فحص {time}',
  'health.missing': 'مفقود: {names}',
};
