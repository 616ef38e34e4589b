import { describe, expect, it } from 'vitest';
import { PLATFORM_LIMITS, checkLength, replyLength, surfaceOf } from '@/lib/replies/limits';
import { PLATFORM_IDS } from '@/lib/platforms/types';

describe('platform length limits', () => {
  it('has a sourced entry for both surfaces of every platform', () => {
    for (const p of PLATFORM_IDS) {
      for (const surface of ['comment', 'message'] as const) expect(PLATFORM_LIMITS[p][surface].source.length).toBeGreaterThan(10);
    }
  });

  it('carries the limits of issue 3', () => {
    const max = (p: keyof typeof PLATFORM_LIMITS, s: 'comment' | 'message') => PLATFORM_LIMITS[p][s].max;
    expect([max('x', 'comment'), max('x', 'message')]).toEqual([280, 10_000]);
    expect([max('linkedin', 'comment'), max('linkedin', 'message')]).toEqual([1_250, 8_000]);
    expect(max('tiktok', 'comment')).toBe(150);
    expect([max('instagram', 'comment'), max('instagram', 'message')]).toEqual([2_200, 1_000]);
    expect(max('youtube', 'comment')).toBe(10_000);
    expect([max('facebook', 'comment'), max('facebook', 'message')]).toEqual([2_000, 2_000]);
  });

  it('maps page kinds to surfaces and counts code points', () => {
    expect(surfaceOf('comments')).toBe('comment');
    expect(surfaceOf('thread')).toBe('message');
    expect(surfaceOf(null)).toBe('message');
    expect(replyLength('👍🏽 مرحباً')).toBe(9); // thumb + skin tone, space, six Arabic code points (tanwin included)
    expect(checkLength('a'.repeat(280), 'x', 'comment')).toEqual({ length: 280, max: 280, over: false });
    expect(checkLength('a'.repeat(281), 'x', 'comment')).toEqual({ length: 281, max: 280, over: true });
    expect(checkLength('a'.repeat(50_000), 'tiktok', 'message')).toEqual({ length: 50_000, max: null, over: false });
  });
});
