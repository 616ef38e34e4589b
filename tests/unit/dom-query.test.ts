import { describe, expect, it } from 'vitest';
import { allMatches, closestDeep, firstMatch, queryAllDeep, shadowRootsIn } from '@/lib/dom/query';

const spec = (css: string) => ({ css, source: 'test' });

function page() {
  document.body.replaceChildren();
  const light = document.createElement('div');
  light.className = 'row light';
  const host = document.createElement('section');
  const sr = host.attachShadow({ mode: 'open' });
  const inner = document.createElement('div');
  inner.className = 'row deep';
  const nestedHost = document.createElement('div');
  const nested = nestedHost.attachShadow({ mode: 'open' });
  const deepest = document.createElement('span');
  deepest.className = 'leaf';
  nested.append(deepest);
  sr.append(inner, nestedHost);
  const ours = document.createElement('baton-timer');
  ours.attachShadow({ mode: 'open' }).append(Object.assign(document.createElement('div'), { className: 'row' }));
  document.body.append(light, host, ours);
  return { light, inner, deepest };
}

describe('deep queries', () => {
  it('see through nested open shadow roots but never into Baton’s own overlays', () => {
    const { light, inner, deepest } = page();
    expect(shadowRootsIn(document)).toHaveLength(2);
    expect(queryAllDeep(document, '.row')).toEqual([light, inner]);
    expect(queryAllDeep(document, '.leaf')).toEqual([deepest]);
  });

  it('keep selector preference: the first spec that matches anywhere wins', () => {
    const { light, inner } = page();
    expect(firstMatch(document, [spec('.deep'), spec('.light')])).toBe(inner);
    expect(firstMatch(document, [spec('.light'), spec('.deep')])).toBe(light);
    expect(allMatches(document, [spec('.none'), spec('.row')])).toEqual([light, inner]);
    expect(firstMatch(document, [spec('.none')])).toBeNull();
  });

  it('survive invalid CSS in a selector list', () => {
    const { light } = page();
    expect(firstMatch(document, [spec('div[[['), spec('.light')])).toBe(light);
    expect(queryAllDeep(document, ':::')).toEqual([]);
  });

  it('climb out of shadow roots with closestDeep', () => {
    const { deepest } = page();
    expect(closestDeep(deepest, [spec('section')])?.localName).toBe('section');
    expect(closestDeep(deepest, [spec('article')])).toBeNull();
  });
});
