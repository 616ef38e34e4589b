import { describe, expect, it } from 'vitest';
import { ReplyContentSchema, ReplySchema, STARTER_REPLIES, isOffered, type Reply } from '@/lib/replies';

const base: Reply = {
  id: 'r1',
  title: 'Refund policy',
  bodies: { en: 'Refunds within 30 days.', ar: 'الاسترداد خلال ٣٠ يوماً.' },
  tags: ['refund'],
  shortcut: 'refund',
  platforms: ['x'],
  status: 'approved',
  crisisSafe: false,
  expiresAt: null,
  version: 1,
  owner: 'lead@example.com',
  createdAt: 1,
  updatedAt: 2,
};

const fieldOf = (value: unknown) => {
  const r = ReplySchema.safeParse(value);
  return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
};

describe('reply schema', () => {
  it('accepts a full reply', () => {
    expect(ReplySchema.parse(base)).toEqual(base);
  });

  it('fills defaults for the editable part', () => {
    expect(ReplyContentSchema.parse({ title: 'Hi', bodies: { en: 'Hello' } })).toEqual({
      title: 'Hi',
      bodies: { en: 'Hello' },
      tags: [],
      shortcut: null,
      platforms: [],
      status: 'draft',
      crisisSafe: false,
      expiresAt: null,
    });
  });

  it.each([
    ['empty title', { title: '  ' }, 'title'],
    ['long title', { title: 'x'.repeat(121) }, 'title'],
    ['no bodies', { bodies: {} }, 'bodies'],
    ['blank body', { bodies: { en: ' \n ' } }, 'bodies.en'],
    ['bad language tag', { bodies: { English: 'Hi' } }, 'bodies.English'],
    ['unknown variable in a body', { bodies: { en: 'Hi {{customer.nickname}}' } }, 'bodies.en'],
    ['two cursors', { bodies: { ar: '{{cursor}}{{cursor}}' } }, 'bodies.ar'],
    ['tag with a separator', { tags: ['a;b'] }, 'tags.0'],
    ['shortcut with a space', { shortcut: 'two words' }, 'shortcut'],
    ['unknown platform', { platforms: ['myspace'] }, 'platforms.0'],
    ['unknown status', { status: 'published' }, 'status'],
    ['crisisSafe as text', { crisisSafe: 'yes' }, 'crisisSafe'],
    ['version 0', { version: 0 }, 'version'],
    ['unsafe id', { id: '../x' }, 'id'],
    ['unknown field', { colour: 'red' }, ''],
  ])('rejects %s at the field', (_name, patch, field) => {
    expect(fieldOf({ ...base, ...patch })).toContain(field);
  });

  it('accepts Arabic tags and shortcuts', () => {
    expect(fieldOf({ ...base, tags: ['استرداد المبلغ', 'إلغاء'], shortcut: 'استرداد' })).toBeNull();
  });

  it('offers approved replies until they expire', () => {
    expect(isOffered(base, 10)).toBe(true);
    expect(isOffered({ ...base, status: 'draft' }, 10)).toBe(false);
    expect(isOffered({ ...base, status: 'retired' }, 10)).toBe(false);
    expect(isOffered({ ...base, expiresAt: 10 }, 10)).toBe(false);
    expect(isOffered({ ...base, expiresAt: 11 }, 10)).toBe(true);
  });

  it('the starter library is valid, bilingual, unique and has crisis-safe replies', () => {
    expect(STARTER_REPLIES.length).toBeGreaterThanOrEqual(18);
    for (const r of STARTER_REPLIES) {
      expect(ReplySchema.safeParse(r).error, r.id).toBeUndefined();
      expect(Object.keys(r.bodies).sort(), r.id).toEqual(['ar', 'en']);
    }
    expect(new Set(STARTER_REPLIES.map((r) => r.id)).size).toBe(STARTER_REPLIES.length);
    expect(new Set(STARTER_REPLIES.map((r) => r.shortcut)).size).toBe(STARTER_REPLIES.length);
    expect(STARTER_REPLIES.filter((r) => r.crisisSafe).map((r) => r.id)).toContain('starter-crisis-holding');
  });
});
