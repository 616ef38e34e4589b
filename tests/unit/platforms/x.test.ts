import { describe, expect, test } from 'vitest';
import { xAdapter } from '../../../lib/platforms/x';
import { expectAdapterOnFixture, listFixtures } from './fixture-loader';

describe('x adapter on every fixture', () => {
  const fixtures = listFixtures('x');
  test('has fixtures', () => expect(fixtures.length).toBeGreaterThan(0));
  for (const f of fixtures) test(f.name, () => expectAdapterOnFixture(xAdapter, f));
});
