/**
 * Hand tables for what Intl does not generate: the short forms platforms print themselves
 * ("2h", "5 min", "2 hrs ago", "vor 2 Std.", "منذ ساعتين"), colloquial "just now" phrases, and the
 * connector words between a date and a time. All entries are already folded (lib/time/fold.ts:
 * lower case, no accents, no dots; Arabic hamza carriers as bare alef, teh marbuta as heh).
 * Intl-derived words are added per locale in locale-tables.ts; these tables fill the gaps.
 */

export const RELATIVE_UNITS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type RelativeUnit = (typeof RELATIVE_UNITS)[number];

export interface LanguageLexicon {
  /** Unit words that may follow a number ("2 hrs", "3 j", "5 دقائق"). */
  units: Record<string, RelativeUnit>;
  /** Words that stand for two units (Arabic dual: "ساعتين" = 2 hours). */
  duals: Record<string, RelativeUnit>;
  /** Words meaning "one" in place of the number ("an hour ago", "hace una hora"). */
  one: string[];
  /** Words after the unit meaning "one" ("ساعه واحده"). */
  oneAfter: string[];
  /** "… ago" markers before / after the amount. */
  agoBefore: string[];
  agoAfter: string[];
  /** Whole phrases meaning "a moment ago". */
  now: string[];
  /** Day words: 0 = today, -1 = yesterday, -2 = the day before. */
  days: Record<string, number>;
  /** Words that may join a date and a time and carry no meaning of their own. */
  connectors: string[];
}

const en: LanguageLexicon = {
  units: {
    s: 'second', sec: 'second', secs: 'second', second: 'second', seconds: 'second',
    m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
    h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
    d: 'day', day: 'day', days: 'day',
    w: 'week', wk: 'week', wks: 'week', week: 'week', weeks: 'week',
    mo: 'month', mos: 'month', month: 'month', months: 'month',
    y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year',
  },
  duals: {},
  one: ['a', 'an', 'one'],
  oneAfter: [],
  agoBefore: [],
  agoAfter: ['ago'],
  now: ['now', 'just now', 'right now', 'moments ago', 'a moment ago', 'a few seconds ago', 'few seconds ago', 'seconds ago'],
  days: { today: 0, yesterday: -1, 'day before yesterday': -2, 'the day before yesterday': -2 },
  connectors: ['at', 'on', 'the', 'of'],
};

const fr: LanguageLexicon = {
  units: {
    s: 'second', sec: 'second', seconde: 'second', secondes: 'second',
    mn: 'minute', min: 'minute', minute: 'minute', minutes: 'minute',
    h: 'hour', heure: 'hour', heures: 'hour',
    j: 'day', jour: 'day', jours: 'day',
    sem: 'week', semaine: 'week', semaines: 'week',
    mois: 'month',
    a: 'year', an: 'year', ans: 'year', annee: 'year', annees: 'year',
  },
  duals: {},
  one: ['un', 'une'],
  oneAfter: [],
  agoBefore: ['il y a', 'il ya'],
  agoAfter: [],
  now: ["a l'instant", 'a l instant', "a l'instant meme", 'maintenant', 'il y a quelques secondes', "a l'instant present"],
  days: { "aujourd'hui": 0, 'aujourd hui': 0, hier: -1, 'avant-hier': -2, 'avant hier': -2 },
  connectors: ['a', 'le', 'de', 'vers'],
};

const es: LanguageLexicon = {
  units: {
    s: 'second', seg: 'second', segs: 'second', segundo: 'second', segundos: 'second',
    m: 'minute', min: 'minute', mins: 'minute', minuto: 'minute', minutos: 'minute',
    h: 'hour', hr: 'hour', hrs: 'hour', hora: 'hour', horas: 'hour',
    d: 'day', dia: 'day', dias: 'day',
    sem: 'week', semana: 'week', semanas: 'week',
    mes: 'month', meses: 'month',
    a: 'year', ano: 'year', anos: 'year',
  },
  duals: {},
  one: ['un', 'una', 'uno'],
  oneAfter: [],
  agoBefore: ['hace'],
  agoAfter: [],
  now: ['ahora', 'ahora mismo', 'justo ahora', 'hace un momento', 'hace unos segundos', 'hace un instante', 'recien'],
  days: { hoy: 0, ayer: -1, anteayer: -2, antier: -2, 'antes de ayer': -2 },
  connectors: ['a', 'las', 'la', 'de', 'del', 'el'],
};

const de: LanguageLexicon = {
  units: {
    s: 'second', sek: 'second', sekunde: 'second', sekunden: 'second',
    m: 'minute', min: 'minute', minute: 'minute', minuten: 'minute',
    h: 'hour', std: 'hour', stunde: 'hour', stunden: 'hour',
    t: 'day', tg: 'day', tag: 'day', tage: 'day', tagen: 'day',
    w: 'week', wo: 'week', woche: 'week', wochen: 'week',
    mon: 'month', monat: 'month', monate: 'month', monaten: 'month',
    j: 'year', jahr: 'year', jahre: 'year', jahren: 'year',
  },
  duals: {},
  one: ['einer', 'einem', 'ein', 'eine'],
  oneAfter: [],
  agoBefore: ['vor'],
  agoAfter: [],
  now: ['jetzt', 'gerade eben', 'gerade', 'soeben', 'eben', 'gerade jetzt', 'vor ein paar sekunden', 'vor wenigen sekunden'],
  days: { heute: 0, gestern: -1, vorgestern: -2 },
  connectors: ['um', 'am', 'den', 'uhr', 'gegen'],
};

const pt: LanguageLexicon = {
  units: {
    s: 'second', seg: 'second', segundo: 'second', segundos: 'second',
    m: 'minute', min: 'minute', mins: 'minute', minuto: 'minute', minutos: 'minute',
    h: 'hour', hr: 'hour', hrs: 'hour', hora: 'hour', horas: 'hour',
    d: 'day', dia: 'day', dias: 'day',
    sem: 'week', semana: 'week', semanas: 'week',
    mes: 'month', meses: 'month',
    a: 'year', ano: 'year', anos: 'year',
  },
  duals: {},
  one: ['um', 'uma'],
  oneAfter: [],
  agoBefore: ['ha'],
  agoAfter: ['atras'],
  now: ['agora', 'agora mesmo', 'ha pouco', 'ha instantes', 'ha alguns segundos', 'neste momento', 'agorinha'],
  days: { hoje: 0, ontem: -1, anteontem: -2, 'antes de ontem': -2 },
  connectors: ['as', 'a', 'de', 'em', 'o'],
};

// Arabic, folded: أ/إ/آ → ا, ة → ه, ى → ي, harakat removed.
const ar: LanguageLexicon = {
  units: {
    'ث': 'second', 'ثانيه': 'second', 'ثواني': 'second', 'ثوان': 'second',
    'د': 'minute', 'دقيقه': 'minute', 'دقائق': 'minute', 'دقايق': 'minute',
    'س': 'hour', 'ساعه': 'hour', 'ساعات': 'hour',
    'ي': 'day', 'يوم': 'day', 'ايام': 'day', 'يوما': 'day',
    'اسبوع': 'week', 'اسابيع': 'week', 'اسبوعا': 'week',
    'شهر': 'month', 'اشهر': 'month', 'شهور': 'month', 'شهرا': 'month',
    'سنه': 'year', 'سنوات': 'year', 'سنين': 'year', 'عام': 'year', 'اعوام': 'year', 'عاما': 'year',
  },
  duals: {
    'ثانيتين': 'second', 'ثانيتان': 'second',
    'دقيقتين': 'minute', 'دقيقتان': 'minute',
    'ساعتين': 'hour', 'ساعتان': 'hour',
    'يومين': 'day', 'يومان': 'day',
    'اسبوعين': 'week', 'اسبوعان': 'week',
    'شهرين': 'month', 'شهران': 'month',
    'سنتين': 'year', 'سنتان': 'year', 'عامين': 'year', 'عامان': 'year',
  },
  one: [],
  oneAfter: ['واحد', 'واحده'],
  agoBefore: ['قبل', 'منذ'],
  agoAfter: [],
  now: ['الان', 'للتو', 'حالا', 'منذ لحظات', 'قبل لحظات', 'منذ ثوان', 'قبل ثوان', 'الان للتو'],
  days: { 'اليوم': 0, 'امس': -1, 'البارحه': -1, 'اول امس': -2, 'اول من امس': -2 },
  connectors: ['في', 'الساعه', 'عند', 'يوم'],
};

export const LEXICONS: Record<string, LanguageLexicon> = { en, fr, es, de, pt, ar };

/**
 * The lexicons to consult for a page language: its own first, then English (platforms print
 * "2h"/"5m" in every UI language). Languages without a table get English alone.
 */
export function lexiconsFor(language: string): LanguageLexicon[] {
  const own = LEXICONS[language];
  return own && own !== en ? [own, en] : [en];
}

/** Universal separators between date and time parts ("7:34 PM · Oct 23, 2025"). */
export const SEPARATORS = /[,·•|–—]/g;

/** Day-period words every locale may show besides its own Intl ones. */
export const AM_WORDS = ['am', 'a m', 'ص', 'صباحا', 'صباح'];
export const PM_WORDS = ['pm', 'p m', 'م', 'مساء', 'مساءا'];

/** Ordinal endings after a day number ("12th", "1er", "1º"). */
export const ORDINAL_SUFFIX = /^(\d{1,2})(?:st|nd|rd|th|er|re|e|o|a|º|ª)$/;
