import { describe, expect, it } from 'vitest';
import { analyze, detectLanguage, normalize, stemArabic, stemEnglish } from '@/lib/replies';
import { arabicSkeleton, isStopWord } from '@/lib/replies/text';

describe('Arabic normalisation', () => {
  it.each([
    ['tashkeel', 'المُشْكِلَةُ', 'المشكله'],
    ['tanween on alef', 'شكراً', 'شكرا'],
    ['shadda and superscript alef', 'تأخّر الرحمٰن', 'تاخر الرحمن'],
    ['tatweel', 'شكـــــرا', 'شكرا'],
    ['alef with hamza above', 'أوقات', 'اوقات'],
    ['alef with hamza below', 'إلغاء', 'الغاء'],
    ['alef with madda', 'آسفين', 'اسفين'],
    ['alef wasla', 'ٱلطلب', 'الطلب'],
    ['taa marbuta', 'الفاتورة', 'الفاتوره'],
    ['alef maqsura', 'مستوى', 'مستوي'],
    ['hamza on yaa', 'الوظائف', 'الوظايف'],
    ['hamza on waw', 'مسؤول', 'مسوول'],
    ['Arabic-Indic digits', '٣٠ يوماً', '30 يوما'],
    ['Persian digits', '۱۲۳', '123'],
    ['Persian yeh and kaf', 'کی', 'كي'],
    ['presentation forms', 'ﻻ', 'لا'],
    ['elongation', 'ليييييش', 'ليش'],
  ])('%s', (_name, input, output) => {
    expect(normalize(input)).toBe(output);
  });
});

describe('English normalisation', () => {
  it.each([
    ['case', 'Refund POLICY', 'refund policy'],
    ['accents', 'Café crème naïve', 'cafe creme naive'],
    ['full-width letters', 'ＲＥＦＵＮＤ', 'refund'],
    ['ligatures', 'ﬁnal', 'final'],
    ['elongation', 'pleaseeee helppp', 'please help'],
    ['double letters stay', 'address', 'address'],
  ])('%s', (_name, input, output) => {
    expect(normalize(input)).toBe(output);
  });
});

describe('stemmers', () => {
  it.each([
    ['refunds', 'refund'],
    ['refunded', 'refund'],
    ['refunding', 'refund'],
    ['shipping', 'ship'],
    ['shipped', 'ship'],
    ['ship', 'ship'],
    ['deliveries', 'deliver'],
    ['delivery', 'deliver'],
    ['delivered', 'deliver'],
    ['cancellation', 'cancel'],
    ['cancelled', 'cancel'],
    ['cancel', 'cancel'],
    ['arrived', 'arriv'],
    ['arrive', 'arriv'],
    ['status', 'status'],
    ['address', 'addres'],
    ['addresses', 'addres'],
    ['replied', 'repl'],
    ['replies', 'repl'],
  ])('English %s → %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it.each([
    ['الطلب', 'طلب'],
    ['والطلب', 'طلب'],
    ['بالطلب', 'طلب'],
    ['للطلب', 'طلب'],
    ['طلبي', 'طلب'],
    ['طلبك', 'طلب'],
    ['طلبكم', 'طلب'],
    ['طلبات', 'طلب'],
    ['فاتورتي', 'فاتور'],
    ['الفاتوره', 'فاتور'],
    ['وصلني', 'صل'],
    ['المكافات', 'مكاف'],
    ['بيت', 'بيت'],
  ])('Arabic %s → %s', (word, stem) => {
    expect(stemArabic(word)).toBe(stem);
  });

  it('maps broken plurals, verbal nouns and participles to one skeleton', () => {
    const same = (a: string, b: string) => expect(arabicSkeleton(stemArabic(normalize(a)))).toBe(arabicSkeleton(stemArabic(normalize(b))));
    same('نقطة', 'نقاط');
    same('ارجع', 'الإرجاع');
    same('ينتهي', 'منتهي');
    same('فرع', 'فروع');
    expect(arabicSkeleton('refund')).toBeNull();
  });
});

describe('analyser', () => {
  it('drops stop words in both languages and dialect "I want"', () => {
    expect(analyze('I want to know where my refunds are')).toEqual(['know', 'wher', 'refund']);
    expect(analyze('ابغى اعرف وين طلبي لو سمحت')).toEqual(['اعرف', 'وين', 'طلب']);
    expect(isStopWord('عايز')).toBe(true);
  });

  it('matches spelling variants to the same terms', () => {
    expect(analyze('إلغاء الفاتورة')).toEqual(analyze('الغاء الفاتوره'));
    expect(analyze('المُشْكِلَة')).toEqual(analyze('المشكله'));
    expect(analyze('الإرجاع خلال ٣٠ يوماً')).toEqual(analyze('الارجاع خلال 30 يوما'));
    expect(analyze("the order's status")).toEqual(['order', 'status']);
  });
});

describe('language detection', () => {
  it.each([
    ['where is my order?', 'en'],
    ['وين طلبي؟', 'ar'],
    ['ابغى refund للطلب لو سمحت', 'ar'],
    ['my order ما وصل', 'en'],
    ['شحنتي ما وصلت order 123', 'ar'],
    ['où est ma commande ? merci', 'fr'],
    ['¿dónde está mi pedido? gracias', 'es'],
    ['где мой заказ', 'ru'],
    ['سفارش من کجاست', 'fa'],
    ['میرا آرڈر کہاں ہے', 'ur'],
    ['注文はどこですか', 'ja'],
    ['我的订单在哪里', 'zh'],
    ['hi', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('is null without letters', () => {
    expect(detectLanguage('😡😡 123 !!')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});

describe('word-by-word analysis', () => {
  it('equals normalising the whole text first (so the per-word memo is safe)', async () => {
    const fc = (await import('fast-check')).default;
    const { normalize: norm, tokenizeNormalized } = await import('@/lib/replies');
    const { words } = await import('@/lib/replies/text');
    const alphabet = [...'abcSsÉé aa ’\'.,!?-_ 12٣٤ ابتةىأإآؤئءـ َ ُ ّ ً ﻻ ﷺ ＡＢ\n'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(words(t)).toEqual(tokenizeNormalized(norm(t)));
      }),
      { numRuns: 2000 },
    );
  });
});
