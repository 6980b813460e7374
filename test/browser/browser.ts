/**
 * Debian's chromium driven by playwright-core (no browser download). When chromium is missing
 * the tests fail with what to install; they never skip.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** The chromium binary on PATH (CHROMIUM_PATH overrides). */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    throw new Error('The browser tests need Chromium: apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it when missing.');
  }
}

/**
 * `trustTwin: false` leaves the twin's certificate untrusted, as a newcomer's browser finds it
 * on the first visit.
 */
export function launchChromium(options: { trustTwin?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      // The twin's TLS comes from its own CA; Amplify always dials wss://.
      ...(options.trustTwin === false ? [] : ['--ignore-certificate-errors']),
      // No network but the twin: no updates, no sync, no metrics, no component downloads.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
      '--metrics-recording-only',
      '--disable-domain-reliability',
    ],
  });
}
