import { defineConfig } from 'wxt';
import { contentScriptMatches } from './lib/platforms/matches';

// Fixed add-on id so Firefox storage and the moz-extension UUID pin in tests stay stable.
export const GECKO_ID = 'baton@baton-team.app';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Tests and parallel builds may write elsewhere; the default stays WXT's `.output`.
  outDir: process.env.BATON_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings; alarms: background heartbeats; idle: after-hours usage (issue 5).
    permissions: ['storage', 'alarms', 'idle'],
    host_permissions: contentScriptMatches(),
    // No web page may message Baton (Chrome only; Firefox has no such key).
    ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [], matches: [] } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: { excludeSources: ['logs/**', 'artifacts/**', '.data/**'] },
  webExt: {
    binaries: { chrome: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' },
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
});
