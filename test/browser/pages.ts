/** Steps on the chat page the tests share: sign in, open a room, read the messages. */
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** How long one page step may take. */
export const STEP_TIMEOUT_MS = 10_000;

/** The run's screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(__dirname, 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** A fresh context signed in through the page's form (Amplify's SRP flow). */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, password: string, hash = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  // Shorter than jest's test timeout, so a stuck step fails with its own name.
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${username}`).waitFor();
  return page;
}

/** The stored (not pending) messages' texts, oldest first. */
export function messageTexts(page: Page): Promise<string[]> {
  return page.locator('.messages .message:not(.pending) .content').allInnerTexts();
}

export async function createRoom(page: Page, name: string): Promise<string> {
  await page.getByLabel('New room').fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await waitLive(page);
  return /#\/rooms\/(.+)$/.exec(page.url())?.[1] ?? '';
}

/** The connection badge says Live: the room's subscriptions are acknowledged. */
export function waitLive(page: Page): Promise<void> {
  return page.getByRole('status', { name: 'Connection: Live' }).waitFor();
}
