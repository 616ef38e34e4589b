/**
 * The starter library seeded on first run, so a new user sees suggestions at once. English and
 * Arabic (Modern Standard, friendly register), approved, editable and retirable like any other
 * reply. Public-comment replies never ask for private data in public; they move the customer to
 * direct messages. The two crisis replies are the ones offered while the team is in crisis mode.
 */
import type { Reply } from './schema';

/** 2026-01-01T00:00:00Z: a fixed time, so the seed is the same on every device. */
const SEEDED_AT = Date.UTC(2026, 0, 1);

type StarterSpec = Pick<Reply, 'title' | 'bodies' | 'tags'> & Partial<Pick<Reply, 'shortcut' | 'platforms' | 'crisisSafe'>>;

const specs: Record<string, StarterSpec> = {
  'move-to-dm': {
    title: 'Acknowledge and move to DM',
    shortcut: 'dm',
    tags: ['public comment', 'DM', 'private message', 'details', 'رسالة خاصة', 'الخاص'],
    bodies: {
      en: 'Hi {{customer.first_name | "there"}}, thanks for flagging this. We’d like to help: please send us a direct message with your order number or account e-mail (never your password or card details) and we’ll take it from there.',
      ar: 'مرحباً {{customer.first_name | ""}}، شكراً لتواصلك معنا. يسعدنا مساعدتك، فضلاً أرسل لنا رسالة خاصة برقم الطلب أو البريد الإلكتروني المسجّل (دون كلمة المرور أو بيانات البطاقة) وسنتابع معك هناك.',
    },
  },
  'thanks-for-reaching-out': {
    title: 'Thanks for reaching out',
    shortcut: 'hello',
    tags: ['greeting', 'welcome', 'ترحيب', 'تحية'],
    bodies: {
      en: 'Hi {{customer.first_name | "there"}}, thanks for getting in touch with {{brand.name | "us"}}! I’m {{agent.first_name}} and I’ll be helping you today. {{cursor}}',
      ar: 'أهلاً {{customer.first_name | ""}}، شكراً لتواصلك مع {{brand.name | "فريقنا"}}! معك {{agent.first_name}} وسأكون سعيداً بمساعدتك اليوم. {{cursor}}',
    },
  },
  'sorry-for-the-wait': {
    title: 'Apology for a slow response',
    shortcut: 'sorrywait',
    tags: ['apology', 'delay', 'late reply', 'waiting', 'no answer', 'اعتذار', 'تأخير الرد', 'انتظار', 'ما حد رد'],
    bodies: {
      en: 'Hi {{customer.first_name | "there"}}, I’m sorry you’ve had to wait for a reply, that’s not the experience we want you to have. I’m on it now. {{cursor}}',
      ar: 'مرحباً {{customer.first_name | ""}}، نعتذر عن التأخر في الرد عليك، فهذه ليست التجربة التي نريدها لك. أنا أتابع طلبك الآن. {{cursor}}',
    },
  },
  'order-status': {
    title: 'Order status: ask for the order number',
    shortcut: 'order',
    tags: ['order status', 'where is my order', 'tracking', 'shipping', 'delivery', 'حالة الطلب', 'تتبع', 'الشحنة', 'وين طلبي', 'توصيل'],
    bodies: {
      en: 'Hi {{customer.first_name | "there"}}, I can check where your order is. Could you send me the order number (it starts with # and is in your confirmation e-mail)? {{cursor}}',
      ar: 'مرحباً {{customer.first_name | ""}}، يسعدني التحقق من حالة طلبك. هل يمكنك تزويدي برقم الطلب؟ تجده في رسالة تأكيد الطلب على بريدك الإلكتروني. {{cursor}}',
    },
  },
  'delivery-delayed': {
    title: 'Delivery delayed',
    shortcut: 'late',
    tags: ['late delivery', 'delay', 'not arrived', 'shipping delay', 'courier', 'تأخير', 'ما وصل', 'تأخر الطلب', 'المندوب'],
    bodies: {
      en: 'Hi {{customer.first_name | "there"}}, I’m sorry your order is taking longer than expected. I’ve checked with our delivery partner and {{cursor}}. Thank you for your patience.',
      ar: 'مرحباً {{customer.first_name | ""}}، نعتذر عن تأخر وصول طلبك عن الموعد المتوقع. تواصلت مع شركة الشحن و{{cursor}}. شكراً لصبرك.',
    },
  },
  'refund-policy': {
    title: 'Refund policy',
    shortcut: 'refundpolicy',
    tags: ['refund', 'money back', 'policy', 'return', 'استرجاع', 'سياسة الاسترداد', 'استرداد المبلغ'],
    bodies: {
      en: 'You can ask for a refund within 30 days of delivery for unused items in their original packaging. Once we receive the return, the refund goes back to your original payment method within 5–10 business days.',
      ar: 'يمكنك طلب استرداد المبلغ خلال ٣٠ يوماً من الاستلام للمنتجات غير المستخدمة وفي تغليفها الأصلي. بعد استلامنا للمرتجع يُعاد المبلغ إلى وسيلة الدفع الأصلية خلال ٥ إلى ١٠ أيام عمل.',
    },
  },
  'refund-status': {
    title: 'Refund status',
    shortcut: 'refundstatus',
    tags: ['refund', 'money not received', 'refund not received', 'where is my refund', 'استرداد', 'فلوسي', 'ما وصلني المبلغ'],
    bodies: {
      en: 'Hi {{customer.first_name | "there"}}, I’m sorry your refund hasn’t arrived yet. Refunds reach your account 5–10 business days after we process them, depending on your bank. Please send us a DM with your order number and I’ll check where yours is.',
      ar: 'مرحباً {{customer.first_name | ""}}، نأسف لعدم وصول المبلغ المسترد حتى الآن. يصل الاسترداد إلى حسابك خلال ٥ إلى ١٠ أيام عمل من معالجته بحسب البنك. أرسل لنا رقم الطلب في رسالة خاصة وسأتحقق من حالته.',
    },
  },
  'return-exchange': {
    title: 'How to return or exchange an item',
    shortcut: 'return',
    tags: ['return', 'exchange', 'wrong size', 'return label', 'ارجاع', 'استبدال', 'مقاس', 'تبديل'],
    bodies: {
      en: 'You can return or exchange any unused item within 30 days. Start from “My orders”, choose the item and the reason, and we’ll e-mail you a prepaid return label. Exchanges ship as soon as the return is scanned.',
      ar: 'يمكنك إرجاع أو استبدال أي منتج غير مستخدم خلال ٣٠ يوماً. ابدأ من صفحة «طلباتي»، اختر المنتج وسبب الإرجاع، وسنرسل لك ملصق شحن مدفوعاً مسبقاً على بريدك. نشحن البديل فور مسح المرتجع.',
    },
  },
  'damaged-item': {
    title: 'Item arrived damaged',
    shortcut: 'damaged',
    tags: ['damaged', 'broken', 'defective', 'faulty', 'تالف', 'مكسور', 'خربان', 'عيب'],
    bodies: {
      en: 'I’m really sorry your item arrived damaged, {{customer.first_name | "and thank you for telling us"}}. Please DM us a photo of the item and the packaging with your order number, and we’ll send a replacement or refund, whichever you prefer.',
      ar: 'نأسف جداً لوصول المنتج تالفاً. فضلاً أرسل لنا في رسالة خاصة صورة للمنتج والتغليف مع رقم الطلب، وسنرسل لك بديلاً أو نعيد المبلغ حسب رغبتك.',
    },
  },
  'looking-into-it': {
    title: 'We’re looking into it',
    shortcut: 'checking',
    tags: ['investigating', 'checking', 'follow up', 'update', 'نتابع', 'قيد المراجعة', 'متابعة'],
    bodies: {
      en: 'Thanks {{customer.first_name | "for your patience"}}, we’re looking into this now and will come back to you here as soon as we have an update.',
      ar: 'شكراً {{customer.first_name | "لصبرك"}}، نحن نتحقق من الأمر الآن وسنعود إليك هنا فور توفر أي تحديث.',
    },
  },
  'escalated': {
    title: 'Escalated to a specialist team',
    shortcut: 'escalate',
    tags: ['escalation', 'manager', 'complaint', 'specialist', 'تصعيد', 'مدير', 'شكوى'],
    bodies: {
      en: 'I’ve passed your case to our specialist team with all the details you shared, so you won’t need to repeat yourself. They’ll contact you within 1 business day.',
      ar: 'حوّلت حالتك إلى الفريق المختص مع كل التفاصيل التي شاركتها، فلن تحتاج إلى إعادتها. سيتواصلون معك خلال يوم عمل واحد.',
    },
  },
  'need-details': {
    title: 'Ask for more details',
    shortcut: 'details',
    tags: ['more information', 'screenshot', 'details', 'تفاصيل', 'صورة الشاشة', 'معلومات'],
    bodies: {
      en: 'To look into this properly, could you tell us a bit more: what happened, when, and (if you can) a screenshot? Please don’t share passwords or card numbers. {{cursor}}',
      ar: 'حتى نتحقق من الأمر بدقة، هل يمكنك إخبارنا بمزيد من التفاصيل: ماذا حدث ومتى، ومع صورة للشاشة إن أمكن؟ فضلاً لا تشارك كلمات المرور أو أرقام البطاقات. {{cursor}}',
    },
  },
  'account-access': {
    title: 'Can’t log in or account hacked',
    shortcut: 'login',
    tags: ['login', 'password', 'hacked', 'account', 'locked out', 'دخول', 'كلمة المرور', 'اختراق', 'حسابي', 'تهكر'],
    bodies: {
      en: 'Sorry you can’t get into your account. Please reset your password from the “Forgot password” link on the sign-in page. If you think someone else got in, DM us the e-mail on the account and we’ll secure it. We’ll never ask for your password.',
      ar: 'نأسف لعدم تمكنك من الدخول إلى حسابك. فضلاً أعد تعيين كلمة المرور من رابط «نسيت كلمة المرور» في صفحة الدخول. إذا كنت تعتقد أن شخصاً آخر دخل إلى حسابك فأرسل لنا البريد المسجّل في رسالة خاصة وسنؤمّن الحساب. لن نطلب منك كلمة المرور أبداً.',
    },
  },
  'cancel-order': {
    title: 'Cancel an order',
    shortcut: 'cancel',
    tags: ['cancel', 'cancellation', 'الغاء', 'إلغاء الطلب', 'كنسل'],
    bodies: {
      en: 'Orders can be cancelled until they ship. Send us your order number by DM and I’ll cancel it for you; if it has already shipped, you can return it for a full refund once it arrives.',
      ar: 'يمكن إلغاء الطلب قبل شحنه. أرسل لنا رقم الطلب في رسالة خاصة وسألغيه لك، وإذا كان قد شُحن بالفعل فيمكنك إرجاعه عند وصوله واسترداد المبلغ كاملاً.',
    },
  },
  'thanks-feedback': {
    title: 'Thanks for the kind words',
    shortcut: 'thanks',
    tags: ['praise', 'positive', 'compliment', 'love', 'شكر', 'مدح', 'ممتاز'],
    bodies: {
      en: 'Thank you so much, {{customer.first_name | "that made our day"}}! We’ll share this with the team. 💙',
      ar: 'شكراً جزيلاً لك {{customer.first_name | ""}}! كلامك أسعدنا وسننقله إلى الفريق. 💙',
    },
  },
  'complaint-apology': {
    title: 'Apology for a bad experience',
    shortcut: 'sorry',
    tags: ['complaint', 'bad service', 'rude', 'disappointed', 'angry', 'شكوى', 'سيئة', 'خدمة سيئة', 'زعلان'],
    bodies: {
      en: 'I’m sorry, {{customer.first_name | "and thank you for telling us"}}. That isn’t the standard we hold ourselves to. Could you DM us what happened and when, so we can put it right and make sure it doesn’t happen again?',
      ar: 'نعتذر منك بشدة، فهذا ليس المستوى الذي نلتزم به. هل يمكنك إخبارنا في رسالة خاصة بما حدث ومتى، حتى نصلح الأمر ونتأكد من عدم تكراره؟',
    },
  },
  'hours-contact': {
    title: 'Opening hours and contact channels',
    shortcut: 'hours',
    tags: ['opening hours', 'working hours', 'contact', 'phone', 'ساعات العمل', 'الدوام', 'رقم التواصل'],
    bodies: {
      en: 'Our customer care team is here every day from 9:00 to 21:00. Outside those hours you can leave us a message here and we’ll reply first thing in the morning.',
      ar: 'فريق خدمة العملاء متاح يومياً من الساعة ٩ صباحاً حتى ٩ مساءً. خارج هذه الأوقات يمكنك ترك رسالة هنا وسنرد عليك صباحاً.',
    },
  },
  'crisis-holding': {
    title: 'Crisis holding statement',
    shortcut: 'holding',
    crisisSafe: true,
    tags: ['crisis', 'incident', 'outage', 'statement', 'أزمة', 'بيان', 'عطل'],
    bodies: {
      en: 'We’re aware of the issue and our team is working on it as a priority. We’ll share updates on this page as soon as we have them. Thank you for your patience.',
      ar: 'نحن على علم بالمشكلة ويعمل فريقنا على حلها بأولوية قصوى. سننشر التحديثات على هذه الصفحة فور توفرها. شكراً لصبركم.',
    },
  },
  'crisis-dm-followup': {
    title: 'Crisis: we’ll follow up with you',
    shortcut: 'crisisdm',
    crisisSafe: true,
    tags: ['crisis', 'incident', 'affected', 'follow up', 'أزمة', 'متأثر', 'متابعة'],
    bodies: {
      en: 'Thank you for letting us know, {{customer.first_name | "and we’re sorry for the trouble"}}. We’re working on the issue now. Please DM us your account e-mail so we can follow up with you personally once it’s resolved.',
      ar: 'شكراً لإبلاغنا ونعتذر عن الإزعاج. نعمل على حل المشكلة الآن. فضلاً أرسل لنا البريد الإلكتروني المسجّل في رسالة خاصة حتى نتابع معك شخصياً بعد حلها.',
    },
  },
  'privacy-warning': {
    title: 'Please don’t share personal data publicly',
    shortcut: 'privacy',
    crisisSafe: true,
    tags: ['privacy', 'personal data', 'card number', 'phone number', 'الخصوصية', 'بيانات شخصية', 'رقم البطاقة'],
    bodies: {
      en: 'For your safety, please delete the comment with your personal details and send them to us by direct message instead. We’ll never ask for your password or full card number.',
      ar: 'حفاظاً على أمانك، فضلاً احذف التعليق الذي يحتوي على بياناتك الشخصية وأرسلها لنا في رسالة خاصة. لن نطلب منك أبداً كلمة المرور أو رقم البطاقة كاملاً.',
    },
  },
  'anything-else': {
    title: 'Closing: anything else?',
    shortcut: 'close',
    tags: ['closing', 'resolved', 'goodbye', 'ختام', 'شي ثاني'],
    bodies: {
      en: 'Glad we could sort that out, {{customer.first_name | "and thanks for your patience"}}! Is there anything else I can help you with today?',
      ar: 'يسعدنا أننا حللنا الأمر! هل هناك أي شيء آخر يمكنني مساعدتك فيه اليوم؟',
    },
  },
};

export const STARTER_REPLIES: readonly Reply[] = Object.entries(specs).map(([id, s]) => ({
  id: `starter-${id}`,
  title: s.title,
  bodies: s.bodies,
  tags: s.tags,
  shortcut: s.shortcut ?? null,
  platforms: s.platforms ?? [],
  status: 'approved',
  crisisSafe: s.crisisSafe ?? false,
  expiresAt: null,
  version: 1,
  owner: 'Baton',
  createdAt: SEEDED_AT,
  updatedAt: SEEDED_AT,
}));
