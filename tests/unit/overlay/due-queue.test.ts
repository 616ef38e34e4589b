import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DueQueue } from '@/lib/overlay/due-queue';

describe('DueQueue', () => {
  it('pops entries due by `now`, earliest first, and nothing later', () => {
    const q = new DueQueue<string>();
    for (const [at, item] of [[30, 'c'], [10, 'a'], [20, 'b'], [40, 'd']] as const) q.push({ at, item, seq: 0 });
    const out: string[] = [];
    for (let e = q.popDue(30); e; e = q.popDue(30)) out.push(e.item);
    expect(out).toEqual(['a', 'b', 'c']);
    expect(q.popDue(39)).toBeUndefined();
    expect(q.size).toBe(1);
  });

  it('orders any sequence of times like a sort (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 300 }), (times) => {
        const q = new DueQueue<number>();
        times.forEach((at, i) => q.push({ at, item: i, seq: 0 }));
        const out: number[] = [];
        for (let e = q.popDue(Infinity); e; e = q.popDue(Infinity)) out.push(e.at);
        expect(out).toEqual([...times].sort((a, b) => a - b));
      }),
      { seed: 7 },
    );
  });

  it('compact keeps only live entries, still in order', () => {
    const q = new DueQueue<number>();
    for (let i = 0; i < 100; i++) q.push({ at: 100 - i, item: i, seq: i % 2 });
    q.compact((e) => e.seq === 1);
    expect(q.size).toBe(50);
    const out: number[] = [];
    for (let e = q.popDue(Infinity); e; e = q.popDue(Infinity)) out.push(e.at);
    expect(out).toEqual([...out].sort((a, b) => a - b));
    expect(out.every((at) => at % 2 === 1)).toBe(true);
  });
});
