// One linter for the whole tree. Beyond the recommended rules it enforces Baton's own:
// customer and page text only ever as text (no HTML sinks), no eval, no network from content
// scripts, presentational components, and browser-free shared lib code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const htmlSinks = [
  { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'innerHTML is banned: render text with textContent or React.' },
  { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'outerHTML is banned: render text with textContent or React.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'insertAdjacentHTML is banned.' },
  { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'createContextualFragment is banned.' },
  { selector: "CallExpression[callee.object.name='document'][callee.property.name='write']", message: 'document.write is banned.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'dangerouslySetInnerHTML is banned.' },
];

const networkGlobals = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
  name,
  message: 'Content scripts never touch the network: ask the background.',
}));

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'coverage/**', 'artifacts/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { defineBackground: 'readonly', defineContentScript: 'readonly' },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'off',
      '@typescript-eslint/no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...htmlSinks],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['entrypoints/*.content/**', 'entrypoints/*.content.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', ...networkGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fetch', message: 'Content scripts never touch the network.' },
        { object: 'globalThis', property: 'fetch', message: 'Content scripts never touch the network.' },
        { object: 'navigator', property: 'sendBeacon', message: 'Content scripts never touch the network.' },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['wxt/*', 'webextension-polyfill', '@/lib/db', '@/lib/settings'], message: 'Components are presentational: props in, JSX out.' }] },
      ],
      'no-restricted-globals': ['error', { name: 'browser', message: 'Components never call browser APIs.' }, { name: 'chrome', message: 'Components never call browser APIs.' }],
    },
  },
  {
    files: ['lib/queue/**', 'lib/time/**', 'lib/replies/**', 'lib/usage/**', 'lib/platforms/**', 'lib/dom/**', 'lib/i18n/**', 'lib/locales/**', 'server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['wxt', 'wxt/*', 'webextension-polyfill', '#imports'], message: 'Pure lib and server code imports no browser API.' }] },
      ],
      'no-restricted-globals': ['error', { name: 'browser', message: 'Pure lib code uses no browser API.' }, { name: 'chrome', message: 'Pure lib code uses no browser API.' }],
    },
  },
);
