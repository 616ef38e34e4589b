/**
 * Text analysis for reply ranking: normalisation, tokenising, stop words, light stemming and
 * language detection, for English and Arabic first (DESIGN §6). The same analyser runs over the
 * library and over the customer's message, so every rule only has to be consistent, not
 * linguistically perfect.
 *
 * Arabic normalisation follows Lucene's ArabicNormalizer (alef forms → ا, ى → ي, ة → ه,
 * tashkeel and tatweel removed) plus hamza seats ؤ → و and ئ → ي (informal writing drops them),
 * Persian/Urdu letter forms, and Arabic-Indic digits → ASCII. The stemmer is Light10-style
 * (research/performance.md §2.2) with possessive suffixes customers use ("طلبي", "طلبك").
 */

/** Marks removed after NFKD: Latin/Greek/Cyrillic accents, Arabic harakat, Quranic marks. */
const MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/** Single-letter Arabic-script foldings (after NFKD has split hamza/madda off alef). */
const FOLD: Record<string, string> = {
  'ٱ': 'ا', // alef wasla
  'ى': 'ي', // alef maqsura
  'ة': 'ه', // taa marbuta
  'ی': 'ي', // Persian yeh
  'ے': 'ي', // Urdu yeh barree
  'ک': 'ك', // Persian kaf
  'گ': 'ك', // gaf (Gulf spelling of g)
  'ڤ': 'ف', // veh (Gulf/Maghrebi spelling of v)
  'پ': 'ب', // peh
  'ـ': '', // tatweel
};
for (let d = 0; d < 10; d++) {
  FOLD[String.fromCharCode(0x0660 + d)] = String(d); // Arabic-Indic
  FOLD[String.fromCharCode(0x06f0 + d)] = String(d); // Extended Arabic-Indic (Persian, Urdu)
}
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

/**
 * Fold a text to its search form: compatibility forms (NFKD: presentation forms, ligatures,
 * full-width letters), lower case, no accents or harakat, Arabic letter variants unified,
 * ASCII digits, and runs of three or more of the same letter shortened ("pleaseee", "ليييش").
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .replace(/(\p{L})\1{2,}/gu, '$1');
}

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;

/**
 * Function words that carry no topic, in normalised form ("I want" in the main dialects too).
 * "Where" stays a topic word ("where is my order/refund" asks for a status); other question words
 * are too common in customer messages to tell replies apart.
 */
const EN_STOP = new Set(
  (
    'a an the and or but if then so of to in on at by for with from into onto about as is are was were be been ' +
    'being am do does did doing have has had having i me my mine we us our you your yours he him his she her ' +
    'it its they them their this that these those there here what which who whom whose when why how all want wanna ' +
    'any both each few more most other some such no nor not only own same than too very s t can will just ' +
    'don should now would could shall may might must im ive id youre hi hello hey dear pls please plz thanks ' +
    'thank thx ty guys team u ur ok okay yes yeah yo also still again up out get got one via lol omg'
  ).split(' '),
);

const AR_STOP = new Set(
  (
    'في من على الى إلى عن مع ان أن إن او أو ثم لو اذا إذا هل قد لقد كان كانت يكون هو هي هم هن انا أنا نحن احنا ' +
    'انت أنت انتم انتو انتي هذا هذه هذي ذلك تلك هاذا هاد هادا هذول اللي الي التي الذي الذين ما ماذا لا لم لن ' +
    'يا ايش شو وش ليش ليه كيف كيفك مين متى امتى بس عشان علشان لان لأن يعني طيب اوكي لسه لسا كمان برضو ابغى ابغا ابي بغيت ودي بدي عايز عاوز عايزه ' +
    'حتى كل بعض اي أي عند عندي عندكم لي لك لكم له لها فيه فيها منه منها عليه عليها به بها كذا هيك هيدا ' +
    'والله مرحبا السلام عليكم اهلا هلا شكرا لو سمحت سمحت ممكن الله'
  )
    .split(' ')
    .map((w) => normalize(w)),
);

export function isStopWord(token: string): boolean {
  return EN_STOP.has(token) || AR_STOP.has(token);
}

/**
 * Tokens of an already-normalised text: runs of letters and digits. Single letters are dropped,
 * which also drops the "s" of a possessive ("order's" → "order").
 */
export function tokenizeNormalized(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const t = m[0];
    if (t.length > 1 || /\d/.test(t)) out.push(t);
  }
  return out;
}

const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const AR_SUFFIXES = ['كم', 'هم', 'نا', 'ها', 'ني', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي', 'ك'];
const AR_PRONOUNS = new Set(['كم', 'هم', 'نا', 'ها', 'ني', 'ه', 'ي', 'ك']);

/** Light Arabic stemmer on a normalised token (Light10 lists plus common possessives). */
export function stemArabic(token: string): string {
  let w = token;
  if (w.length > 3 && w.startsWith('و')) w = w.slice(1);
  for (const p of AR_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  for (const s of AR_SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 2 && !(s === 'ك' && w.length < 4)) {
      w = w.slice(0, -s.length);
      // "فاتورتي" → "فاتورت" → "فاتور", the same stem as "فاتوره".
      if (AR_PRONOUNS.has(s) && w.length >= 4 && w.endsWith('ت')) w = w.slice(0, -1);
      break;
    }
  }
  return w;
}

const VOWELS = /[aeiou]/;

/** A deliberately small English suffix stripper (plurals, -ing, -ed, -ation, final -e/-y). */
export function stemEnglish(token: string): string {
  let w = token;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ation') && w.length - 5 >= 3) w = w.slice(0, -5);
  else if (w.endsWith('ing') && w.length - 3 >= 3 && VOWELS.test(w.slice(0, -3))) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length - 2 >= 3 && VOWELS.test(w.slice(0, -2))) w = w.slice(0, -2);
  if (w.length > 4 && /[^aeiou]y$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/**
 * The consonant skeleton of an Arabic stem: long vowels and hamza (ا و ي ء) removed, then one
 * leading م/ت/ن (participle and verb prefixes) when four letters remain. Broken plurals, verbal
 * nouns and participles differ from their singular or verb mostly by these letters
 * (نقطه/نقاط, ارجع/ارجاع/ترجع, ينتهي/منتهي/انتهاء, مكسور/كسر), so a match on skeletons is a
 * weaker, second signal next to the stem. Null for non-Arabic tokens.
 */
export function arabicSkeleton(stemmed: string): string | null {
  if (!ARABIC_LETTER.test(stemmed)) return null;
  let k = stemmed.replace(/[اويء]/g, '');
  if (k.length >= 4 && /^[متن]/.test(k)) k = k.slice(1);
  return k.length >= 2 ? `~${k}` : null;
}

export function stem(token: string): string {
  return ARABIC_LETTER.test(token) ? stemArabic(token) : /^[a-z]+$/.test(token) ? stemEnglish(token) : token;
}

/**
 * Memo tables: a library repeats the same words thousands of times, and normalising (two Unicode
 * normalisations) and stemming dominate the cost of building an index. Bounded, so a long-lived
 * background cannot grow them without limit.
 */
const WORDS = new Map<string, readonly string[]>();
const STEMS = new Map<string, string | null>();
const MEMO_LIMIT = 100_000;

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * The search-form words of a raw text: the same as tokenizeNormalized(normalize(text)), computed
 * word by word with a memo (a word's normal form never depends on its neighbours).
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const raw = m[0];
    const normal = WORDS.get(raw) ?? remember(WORDS, raw, tokenizeNormalized(normalize(raw)));
    for (const w of normal) out.push(w);
  }
  return out;
}

/** The index term of a search-form word, or null for a stop word (memoised). */
export function termOf(word: string): string | null {
  const known = STEMS.get(word);
  if (known !== undefined) return known;
  let term: string | null = null;
  if (!isStopWord(word)) {
    const s = stem(word);
    if (s.length > 1 || /\d/.test(s)) term = s;
  }
  return remember(STEMS, word, term);
}

/** The analyser: normalise, tokenise, drop stop words, stem. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const t = termOf(w);
    if (t !== null) out.push(t);
  }
  return out;
}

type Script = 'arabic' | 'latin' | 'cyrillic' | 'greek' | 'hebrew' | 'han' | 'kana' | 'hangul' | 'devanagari' | 'thai';

const SCRIPT_TESTS: [Script, RegExp][] = [
  ['arabic', /\p{Script=Arabic}/u],
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['han', /\p{Script=Han}/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['thai', /\p{Script=Thai}/u],
];

const SCRIPT_LANGUAGE: Record<Exclude<Script, 'latin' | 'arabic'>, string> = {
  cyrillic: 'ru',
  greek: 'el',
  hebrew: 'he',
  han: 'zh',
  kana: 'ja',
  hangul: 'ko',
  devanagari: 'hi',
  thai: 'th',
};

/** A few very frequent words per Latin-script language, to tell them apart. */
const LATIN_MARKERS: Record<string, Set<string>> = {
  en: new Set('the and is my you your to of it for not have was this with please order when'.split(' ')),
  fr: new Set('le la les est et je mon ma vous pas une des du pour que avec commande merci bonjour'.split(' ')),
  es: new Set('el la los las es y mi yo usted no una por para que con pedido gracias hola como'.split(' ')),
  de: new Set('der die das ist und ich mein meine sie nicht ein eine mit fur bestellung danke hallo'.split(' ')),
  pt: new Set('o os as e eu meu minha voce nao um uma para com pedido obrigado ola'.split(' ')),
  it: new Set('il lo gli e io mio mia lei non un una per con ordine grazie ciao'.split(' ')),
};

/**
 * The language of a customer message, by script (Arabic, Cyrillic, …) and, for Latin script, by
 * frequent words (English unless another language clearly wins). Mixed text goes to the script
 * with the most letters. Null when the text has no letters (emoji only, digits).
 */
export function detectLanguage(text: string): string | null {
  const counts = new Map<Script, number>();
  for (const ch of text) {
    for (const [script, re] of SCRIPT_TESTS) {
      if (re.test(ch)) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  let best: Script | null = null;
  let bestCount = 0;
  for (const [script, n] of counts) {
    if (n > bestCount) {
      best = script;
      bestCount = n;
    }
  }
  if (best === null) return null;
  if (best === 'kana' || (best === 'han' && counts.has('kana'))) return 'ja';
  if (best === 'arabic') {
    // Persian writes ی and ک where Arabic writes ي and ك; Urdu adds ے ٹ ڈ ڑ.
    if (/[ےٹڈڑ]/.test(text)) return 'ur';
    if (/[یک]/.test(text) && !/[يك]/.test(text)) return 'fa';
    return 'ar';
  }
  if (best !== 'latin') return SCRIPT_LANGUAGE[best];
  const words = tokenizeNormalized(normalize(text));
  let lang = 'en';
  let top = 0;
  // English is listed first, so a tie keeps English.
  for (const [code, markers] of Object.entries(LATIN_MARKERS)) {
    let n = 0;
    for (const w of words) if (markers.has(w)) n++;
    if (n > top) {
      lang = code;
      top = n;
    }
  }
  return lang;
}

/** "pt-BR" → "pt": bodies match a detected language by their primary subtag. */
export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? tag;
}
