import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  STARTER_REPLIES,
  exportReplyLibrary,
  exportReplyLibraryCsv,
  parseReplyLibrary,
  parseReplyLibraryCsv,
  type ImportResult,
  type Reply,
} from '@/lib/replies';

const NOW = Date.UTC(2026, 2, 1);
let n = 0;
const opts = { now: NOW, owner: 'importer', newId: () => `new-${++n}` };

const errorsOf = (r: ImportResult) => (r.ok ? [] : r.errors);

const file = (replies: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 1, replies, ...extra }, null, 2);
const minimal = { title: 'Hello', bodies: { en: 'Hi {{customer.first_name | "there"}}' } };

describe('JSON import', () => {
  it('fills defaults for a minimal record, with ids optional', () => {
    n = 0;
    const r = parseReplyLibrary(file([minimal]), opts);
    expect(r).toEqual({
      ok: true,
      replies: [
        {
          id: 'new-1',
          title: 'Hello',
          bodies: minimal.bodies,
          tags: [],
          shortcut: null,
          platforms: [],
          status: 'draft',
          crisisSafe: false,
          expiresAt: null,
          version: 1,
          owner: 'importer',
          createdAt: NOW,
          updatedAt: NOW,
        },
      ],
    });
  });

  it('reads the issue format with every listed field', () => {
    const r = parseReplyLibrary(
      file([{ title: 'Refunds', bodies: { en: 'Within 30 days', ar: 'خلال ٣٠ يوماً' }, tags: ['refund', 'استرداد'], shortcut: 'ref', platforms: ['x', 'instagram'], status: 'approved', crisisSafe: true }]),
      opts,
    );
    expect(r.ok && r.replies[0]).toMatchObject({ status: 'approved', crisisSafe: true, platforms: ['x', 'instagram'], shortcut: 'ref' });
  });

  it('rejects malformed JSON with the line', () => {
    const text = '{\n  "version": 1,\n  "replies": [\n    { "title": "a", }\n  ]\n}';
    expect(errorsOf(parseReplyLibrary(text))).toEqual([expect.objectContaining({ code: 'malformed', line: 4 })]);
    expect(errorsOf(parseReplyLibrary(''))[0]).toMatchObject({ code: 'malformed', line: 1 });
    expect(errorsOf(parseReplyLibrary('{"version":1,"replies":[]} x'))[0]!.code).toBe('malformed');
    expect(errorsOf(parseReplyLibrary('{"version":1,"replies":["a\nb"]}'))[0]!.code).toBe('malformed');
  });

  it('rejects duplicate keys and __proto__ keys, which JSON.parse would accept silently', () => {
    expect(errorsOf(parseReplyLibrary('{"version":1,\n"replies":[{"title":"a","title":"b","bodies":{"en":"x"}}]}'))[0]).toMatchObject({ code: 'malformed', line: 2 });
    expect(errorsOf(parseReplyLibrary('{"version":1,"replies":[{"__proto__":{"x":1},"title":"a","bodies":{"en":"x"}}]}'))[0]!.code).toBe('malformed');
  });

  it.each([
    ['an array', '[]', 'notALibrary'],
    ['no replies', '{"version":1}', 'notALibrary'],
    ['replies not a list', '{"version":1,"replies":{}}', 'notALibrary'],
    ['another version', '{"version":2,"replies":[]}', 'unsupportedVersion'],
    ['no version', '{"replies":[]}', 'unsupportedVersion'],
    ['an unknown top-level field', '{"version":1,"replies":[],"author":"me"}', 'notALibrary'],
  ])('rejects %s', (_name, text, code) => {
    expect(errorsOf(parseReplyLibrary(text))[0]!.code).toBe(code);
  });

  it('rejects wrong types with record, line and field, and lists every bad record', () => {
    const text = file([minimal, { ...minimal, title: 'B', tags: 'refund' }, { ...minimal, title: 'C', crisisSafe: 'yes', status: 'live' }]);
    const errors = errorsOf(parseReplyLibrary(text));
    expect(errors.map((e) => [e.code, e.record, e.field])).toEqual([
      ['invalid', 2, 'tags'],
      ['invalid', 3, 'status'],
      ['invalid', 3, 'crisisSafe'],
    ]);
    const lines = text.split('\n');
    for (const e of errors) expect(lines[e.line! - 1]).toContain(`"${e.field}"`);
  });

  it('points a missing field at its record, and an unknown field by name', () => {
    const text = file([minimal, { title: 'No body' }, { ...minimal, title: 'X', colour: 'red' }]);
    const [missing, unknown] = errorsOf(parseReplyLibrary(text));
    expect(missing).toMatchObject({ record: 2, field: 'bodies' });
    expect(text.split('\n')[missing!.line! - 1]).toContain('{');
    expect(unknown).toMatchObject({ record: 3, message: expect.stringContaining('colour') });
  });

  it('rejects unknown variables and two cursors, naming the language', () => {
    const errors = errorsOf(parseReplyLibrary(file([{ title: 'A', bodies: { en: 'ok', ar: 'مرحبا {{customer.nickname}}' } }, { title: 'B', bodies: { en: '{{cursor}}{{cursor}}' } }])));
    expect(errors).toEqual([
      expect.objectContaining({ record: 1, field: 'bodies.ar', message: expect.stringContaining('customer.nickname') }),
      expect.objectContaining({ record: 2, field: 'bodies.en', message: expect.stringContaining('cursor') }),
    ]);
  });

  it.each([
    ['ids', [{ ...minimal, id: 'a' }, { ...minimal, id: 'a', title: 'Other' }], 'duplicateId', 2],
    ['shortcuts (any case)', [{ ...minimal, shortcut: 'Hi' }, { ...minimal, title: 'Other', shortcut: 'hi' }], 'duplicateShortcut', 2],
    ['titles (any case and spacing)', [minimal, { ...minimal, title: ' hello ' }], 'duplicateTitle', 2],
  ])('rejects duplicate %s', (_name, replies, code, record) => {
    expect(errorsOf(parseReplyLibrary(file(replies)))).toEqual([expect.objectContaining({ code, record })]);
  });

  it('allows a retired reply to keep the title and shortcut of its successor', () => {
    const r = parseReplyLibrary(file([{ ...minimal, shortcut: 'hi', status: 'retired' }, { ...minimal, shortcut: 'hi', status: 'approved' }]));
    expect(r.ok).toBe(true);
  });

  it('rejects oversized files and too many replies', () => {
    expect(errorsOf(parseReplyLibrary(' '.repeat(LIMITS.fileBytes + 1)))[0]!.code).toBe('tooLarge');
    // Arabic is 2 bytes a character in UTF-8: a file under the limit in characters can be over it in bytes.
    const arabic = file([{ title: 'A', bodies: { ar: 'ب'.repeat(10) } }]) + ' '.repeat(Math.ceil(LIMITS.fileBytes / 2));
    expect(parseReplyLibrary(arabic).ok).toBe(true);
    const many = `{"version":1,"replies":[${Array.from({ length: LIMITS.replies + 1 }, () => '{}').join(',')}]}`;
    expect(errorsOf(parseReplyLibrary(many))[0]!.code).toBe('tooMany');
  });

  it('caps the list of problems', () => {
    const errors = errorsOf(parseReplyLibrary(file(Array.from({ length: 150 }, () => ({ title: '' })))));
    expect(errors.length).toBe(101);
    expect(errors[100]).toMatchObject({ code: 'tooManyErrors' });
  });

  it('accepts a byte-order mark', () => {
    expect(parseReplyLibrary(`\uFEFF${file([minimal])}`).ok).toBe(true);
  });
});

const tricky: Reply = {
  id: 'tricky-1',
  title: 'Commas, "quotes"; semicolons',
  bodies: {
    en: '=HYPERLINK("x") first line,\r\nsecond line "quoted"\n  indented ',
    ar: "'-مرحباً {{customer.first_name | \"عميلنا\"}}\nسطر ثانٍ؛ مع فاصلة، {{cursor}}",
    'pt-BR': '@olá',
  },
  tags: ['refund', 'إلغاء الطلب', 'a&b'],
  shortcut: 'ref-1',
  platforms: ['x', 'linkedin'],
  status: 'retired',
  crisisSafe: true,
  expiresAt: Date.UTC(2027, 0, 2, 3, 4, 5, 678),
  version: 7,
  owner: 'Lead, Team "A"',
  createdAt: Date.UTC(2025, 5, 1),
  updatedAt: Date.UTC(2026, 1, 2, 10, 0, 0, 1),
};
const library: Reply[] = [...STARTER_REPLIES, tricky];

describe('round trips', () => {
  it('JSON export then import gives back the same library', () => {
    expect(parseReplyLibrary(exportReplyLibrary(library))).toEqual({ ok: true, replies: library });
  });

  it('CSV export then import gives back the same library', () => {
    const csv = exportReplyLibraryCsv(library);
    expect(csv.startsWith('\uFEFFid,title,status,crisisSafe,shortcut,tags,platforms,expiresAt,version,owner,createdAt,updatedAt,body.ar,body.en,body.pt-BR\r\n')).toBe(true);
    expect(parseReplyLibraryCsv(csv)).toEqual({ ok: true, replies: library });
  });

  it('CSV export guards cells a spreadsheet would run as formulas', () => {
    const csv = exportReplyLibraryCsv([tricky]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")`);
    expect(csv).toContain(`"''-مرحباً`);
    expect(csv).toContain(`'@olá`);
  });

  it('an empty library round-trips', () => {
    expect(parseReplyLibrary(exportReplyLibrary([]))).toEqual({ ok: true, replies: [] });
  });
});

describe('CSV import', () => {
  it('reads a hand-written file with ; separators, tags lists and multi-line bodies', () => {
    n = 0;
    const csv = 'title;status;crisisSafe;tags;platforms;body.en;body.ar\n"Refund; policy";approved;TRUE;refund; money back;x;instagram;"Line 1\nLine 2";استرداد\n';
    const r = parseReplyLibraryCsv(csv.replace('refund; money back;x;instagram', '"refund; money back";"x;instagram"'), opts);
    expect(r.ok && r.replies[0]).toMatchObject({
      id: 'new-1',
      title: 'Refund; policy',
      status: 'approved',
      crisisSafe: true,
      tags: ['refund', 'money back'],
      platforms: ['x', 'instagram'],
      bodies: { en: 'Line 1\nLine 2', ar: 'استرداد' },
    });
  });

  it.each([
    ['an unclosed quote', 'title,body.en\n"A,"b\n', 'malformed', 2],
    ['text after a closing quote', 'title,body.en\n"A"x,b\n', 'malformed', 2],
    ['a stray quote', 'title,body.en\nA"b,c\n', 'malformed', 2],
    ['a short row', 'title,body.en\nA\n', 'malformed', 2],
    ['an unknown column', 'title,body.en,colour\nA,b,red\n', 'notALibrary', 1],
    ['a repeated column', 'title,body.en,body.en\nA,b,c\n', 'notALibrary', 1],
    ['no body column', 'title,tags\nA,b\n', 'notALibrary', 1],
    ['an empty file', '', 'notALibrary', 1],
  ])('rejects %s with the line', (_name, csv, code, line) => {
    expect(errorsOf(parseReplyLibraryCsv(csv))[0]).toMatchObject({ code, line });
  });

  it('names the record, line and field of bad values, after multi-line cells', () => {
    const csv = 'title,crisisSafe,version,body.en\nA,false,1,"one\ntwo"\nB,maybe,1,x\nC,false,one,{{agent.nick}}\n';
    const errors = errorsOf(parseReplyLibraryCsv(csv));
    expect(errors.map((e) => [e.record, e.line, e.field])).toEqual([
      [2, 4, 'crisisSafe'],
      [3, 5, 'bodies.en'],
      [3, 5, 'version'],
    ]);
  });

  it('rejects duplicates across rows', () => {
    const errors = errorsOf(parseReplyLibraryCsv('id,title,body.en\na,A,x\na,B,y\nb,a,z\n'));
    expect(errors.map((e) => [e.code, e.record, e.line])).toEqual([
      ['duplicateId', 2, 3],
      ['duplicateTitle', 3, 4],
    ]);
  });

  it('rejects oversized files', () => {
    expect(errorsOf(parseReplyLibraryCsv('x'.repeat(LIMITS.fileBytes + 1)))[0]!.code).toBe('tooLarge');
  });
});
