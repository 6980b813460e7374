// One content cache (local/cache/content-cache.ts) per jest run: each bundle, lint result and
// moderation definition is really built once in the run, by the first test that needs it, and
// every later twin start, in this process, a worker or a child process, reads it. A fresh folder
// each run, so nothing built by an earlier run or by `npm start` stands in for this run's work.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function setUpRunCache() {
  if (process.env.APPSYNC_TWIN_CACHE_DIR) return;
  const dir = mkdtempSync(join(tmpdir(), 'appsync-twin-test-cache-'));
  process.env.APPSYNC_TWIN_CACHE_DIR = dir;
  globalThis.__appsyncTwinRunCache = dir;
};
