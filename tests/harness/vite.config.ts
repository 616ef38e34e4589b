/**
 * Builds the harness pages' scripts (real Lexical, Draft.js and a React textarea) with Vite.
 * Output goes to `BATON_HARNESS_OUT` (the E2E build step passes a temp dir); tests serve the
 * files at `https://<platform origin>/__baton_harness__/…` next to the fixture they load into.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const HARNESS_BASE = '/__baton_harness__/';

export default defineConfig({
  root: import.meta.dirname,
  base: HARNESS_BASE,
  logLevel: 'warn',
  plugins: [react()],
  // Draft.js reads `global` and both libraries branch on NODE_ENV.
  define: { global: 'globalThis', 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: path.resolve(process.env.BATON_HARNESS_OUT ?? path.join(import.meta.dirname, '..', '..', 'node_modules', '.baton-harness')),
    emptyOutDir: true,
    minify: false,
    modulePreload: false,
    rolldownOptions: {
      input: {
        lexical: path.join(import.meta.dirname, 'lexical.ts'),
        draft: path.join(import.meta.dirname, 'draft.tsx'),
        textarea: path.join(import.meta.dirname, 'textarea.tsx'),
        probe: path.join(import.meta.dirname, 'probe.ts'),
      },
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js', format: 'es' },
    },
  },
});
