import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { z } from 'zod';

z.config({ jitless: true });

afterEach(() => {
  cleanup(); // RTL auto-cleanup needs vitest globals, which are off
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory(); // a fresh database per test
});
