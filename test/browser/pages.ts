/** Steps on the chat page the tests share: sign in, open a room, read the messages. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Each user signs in through the form once per twin origin; later contexts start from the
 * tokens that sign-in left in localStorage (as a returning visitor does), which saves the SRP
 * round trips and keeps the suite fast.
 */
const sessions = new Map<string, StorageState>();

/** A fresh context signed in as `username`: through the page's form (Amplify's SRP flow) the first time. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  hash = '',
  viewport = { width: 1100, height: 720 },
): Promise<Page> {
  const key = `${baseUrl} ${username}`;
  const context = await browser.newContext({ viewport, storageState: sessions.get(key) });
  // Shorter than jest's test timeout, so a stuck step fails with its own name.
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${hash}`);
  if (!sessions.has(key)) {
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByText(`Signed in as ${username}`).waitFor();
  if (!sessions.has(key)) sessions.set(key, await context.storageState());
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

/** The connection badge shows `label` (Connecting…, Live, Reconnecting…, Offline). */
export function waitConnection(page: Page, label: string, timeout = STEP_TIMEOUT_MS): Promise<void> {
  return page.getByRole('status', { name: `Connection: ${label}` }).waitFor({ timeout });
}

/** The connection badge says Live: the room's subscriptions are acknowledged. */
export function waitLive(page: Page): Promise<void> {
  return waitConnection(page, 'Live');
}

/** The mutation `operation` (as the page names it, e.g. Heartbeat) was answered. */
export function answered(page: Page, operation: string): Promise<unknown> {
  return page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes(`mutation ${operation}(`));
}

/**
 * Opens a room in a page already signed in, and resolves once the writes that entering it makes
 * are answered (a heartbeat for presence, markRead of the newest message shown), so a test can
 * take a "before" snapshot of the table that later refusals must leave as it is.
 */
export async function openRoomSettled(page: Page, roomId: string): Promise<void> {
  const settled = Promise.all([answered(page, 'Heartbeat'), answered(page, 'MarkRead')]);
  await page.evaluate((id) => {
    location.hash = `#/rooms/${id}`;
  }, roomId);
  await waitLive(page);
  await settled;
}
