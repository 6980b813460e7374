// Removes the run's content cache made by jest-cache-setup.js (never a folder the caller named).
const { rmSync } = require('node:fs');

module.exports = async function removeRunCache() {
  const dir = globalThis.__appsyncTwinRunCache;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
