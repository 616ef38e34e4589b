/** الردود الجاهزة: حالات المكتبة والمتغيرات ومشكلات الاستيراد والحفظ. */
import type { replies as en } from '../en/replies';
import type { MessageValue } from '../en';

export const replies: { readonly [K in keyof typeof en]: MessageValue } = {
  'replies.status.draft': 'مسودة',
  'replies.status.approved': 'معتمد',
  'replies.status.retired': 'موقوف',
  'replies.crisisSafe': 'آمن للاستخدام وقت الأزمات',

  'replies.variable.customer.first_name': 'الاسم الأول للعميل',
  'replies.variable.customer.name': 'اسم العميل',
  'replies.variable.agent.first_name': 'اسمك الأول',
  'replies.variable.agent.name': 'اسمك',
  'replies.variable.brand.name': 'اسم العلامة التجارية',
  'replies.variable.platform': 'المنصة',
  'replies.variable.missing': 'لا توجد قيمة لـ«{name}»: اكتبها، أو أضف قيمة بديلة في الرد.',

  'replies.import.done': {
    zero: 'لم يُستورد أي رد. في المكتبة الآن {total}.',
    one: 'استُورد رد واحد. في المكتبة الآن {total}.',
    two: 'استُورد ردّان. في المكتبة الآن {total}.',
    few: 'استُوردت {count} ردود. في المكتبة الآن {total}.',
    many: 'استُورد {count} رداً. في المكتبة الآن {total}.',
    other: 'استُورد {count} رد. في المكتبة الآن {total}.',
  },
  'replies.import.rejected': 'لم يُستورد أي شيء: صحّح الملف وحاول مرة أخرى.',
  'replies.import.where.recordLine': 'الرد {record}، السطر {line}',
  'replies.import.where.record': 'الرد {record}',
  'replies.import.where.line': 'السطر {line}',
  'replies.import.error.tooLarge': 'حجم الملف كبير جداً.',
  'replies.import.error.tooMany': 'عدد الردود في الملف كبير جداً.',
  'replies.import.error.malformed': 'الملف تالف أو ليس بالصيغة المتوقعة.',
  'replies.import.error.notALibrary': 'هذا الملف ليس مكتبة ردود من Baton.',
  'replies.import.error.unsupportedVersion': 'ملف المكتبة هذا من إصدار مختلف من Baton.',
  'replies.import.error.invalid': 'هناك قيمة ناقصة أو غير مسموح بها.',
  'replies.import.error.duplicateId': 'ردّان لهما المعرّف نفسه.',
  'replies.import.error.duplicateShortcut': 'ردّان لهما الاختصار نفسه.',
  'replies.import.error.duplicateTitle': 'ردّان لهما العنوان نفسه.',
  'replies.import.error.tooManyErrors': 'المشكلات أكثر من أن تُعرض كلها.',

  'replies.save.error.invalid': 'هناك قيمة ناقصة أو غير مسموح بها.',
  'replies.save.error.duplicateShortcut': 'هذا الاختصار مستخدم في رد آخر.',
  'replies.save.error.duplicateTitle': 'هذا العنوان مستخدم في رد آخر.',
  'replies.save.error.notFound': 'هذا الرد لم يعد موجوداً.',
  'replies.save.error.conflict': 'حفظ شخص آخر هذا الرد أثناء تعديلك له. أعد تحميله لترى تعديلاته.',
};
