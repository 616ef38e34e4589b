// Read by puppeteer's postinstall (browser download) and by puppeteer.launch().
// Where Debian's Chromium exists (CI, the dev container) use it and skip the download, which
// cannot reach its host here; elsewhere puppeteer keeps its normal Chrome-for-Testing download.
const fs = require('node:fs');
const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
const system = process.env.PUPPETEER_USE_SYSTEM_CHROMIUM !== '0' && fs.existsSync('/usr/bin/chromium')
  ? '/usr/bin/chromium'
  : undefined;
const executablePath = fromEnv || system;

/** @type {import('puppeteer').Configuration} */
module.exports = executablePath ? { skipDownload: true, executablePath } : {};
