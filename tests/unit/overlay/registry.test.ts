import { describe, expect, it } from 'vitest';
import { OverlayRegistry } from '@/lib/overlay/registry';

type Obs = { key: string; v: number };

function setup(alive: (r: string) => boolean = () => true) {
  const log: string[] = [];
  const reg = new OverlayRegistry<string, Obs>(
    {
      mount: (r, o) => log.push(`mount ${r} ${o.key}`),
      update: (r, o) => log.push(`update ${r} ${o.v}`),
      unmount: (r) => log.push(`unmount ${r}`),
    },
    alive,
  );
  return { reg, log };
}

describe('OverlayRegistry: rows → one timer per conversation', () => {
  it('mounts new rows, updates known rows, unmounts rows absent from a full read', () => {
    const { reg, log } = setup();
    reg.replaceAll([
      { row: 'r1', obs: { key: 'a', v: 1 } },
      { row: 'r2', obs: { key: 'b', v: 1 } },
    ]);
    reg.replaceAll([
      { row: 'r2', obs: { key: 'b', v: 2 } },
      { row: 'r3', obs: { key: 'c', v: 1 } },
    ]);
    expect(log).toEqual(['mount r1 a', 'mount r2 b', 'unmount r1', 'update r2 2', 'mount r3 c']);
    expect(reg.shown().sort()).toEqual(['r2', 'r3']);
  });

  it('gives a duplicated key one timer, and hands it over when its row goes', () => {
    const { reg, log } = setup();
    reg.replaceAll([
      { row: 'pinned', obs: { key: 'a', v: 1 } },
      { row: 'listed', obs: { key: 'a', v: 1 } },
    ]);
    expect(reg.shown()).toEqual(['pinned']);
    reg.remove('pinned');
    expect(reg.shown()).toEqual(['listed']);
    expect(log).toEqual(['mount pinned a', 'unmount pinned', 'mount listed a']);
  });

  it('never hands a timer to a dead duplicate', () => {
    const dead = new Set(['gone']);
    const { reg } = setup((r) => !dead.has(r));
    reg.upsert('first', { key: 'a', v: 1 });
    reg.upsert('gone', { key: 'a', v: 1 });
    reg.upsert('alive', { key: 'a', v: 1 });
    reg.remove('first');
    expect(reg.shown()).toEqual(['alive']);
    expect(reg.has('gone')).toBe(false);
  });

  it('moves a row whose key changed (the page reused the element for another conversation)', () => {
    const { reg, log } = setup();
    reg.upsert('r1', { key: 'a', v: 1 });
    reg.upsert('r1', { key: 'b', v: 1 });
    expect(log).toEqual(['mount r1 a', 'unmount r1', 'mount r1 b']);
    expect(reg.keyOf('r1')).toBe('b');
  });

  it('clear unmounts everything', () => {
    const { reg, log } = setup();
    reg.upsert('r1', { key: 'a', v: 1 });
    reg.upsert('r2', { key: 'a', v: 1 });
    reg.clear();
    expect(reg.size).toBe(0);
    expect(reg.shown()).toEqual([]);
    expect(log.filter((l) => l.startsWith('unmount'))).toEqual(['unmount r1']);
  });
});
