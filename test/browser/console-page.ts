/** Steps on the query console the tests share: open it, log in, edit the operation, run, read the result. */
import type { Browser, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './pages';

export interface OpenedConsole {
  page: Page;
  /** Bytes of every response the page received so far (the console's download size). */
  bytesLoaded(): number;
}

export async function openConsole(browser: Browser, baseUrl: string): Promise<OpenedConsole> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  let bytes = 0;
  page.on('response', (response) => {
    void response.body().then(
      (body) => (bytes += body.length),
      () => undefined, // redirects and aborted requests have no body
    );
  });
  await page.goto(`${baseUrl}/console`);
  // The editors are ready once Monaco has drawn the default operation.
  await page.locator('.graphiql-query-editor .view-lines').waitFor();
  return { page, bytesLoaded: () => bytes };
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Logged in as ${username}` }).waitFor();
}

/**
 * Replaces an editor's text as one input (typing would trigger Monaco's auto-closing); keep the
 * text on one line, as a new line is auto-indented and can meet an auto-closed bracket.
 */
async function replaceEditorText(page: Page, editorSelector: string, text: string): Promise<void> {
  await page.locator(`${editorSelector} .monaco-editor`).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export async function setOperation(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<void> {
  await replaceEditorText(page, '.graphiql-query-editor', query);
  await replaceEditorText(page, '.graphiql-editor-tool', JSON.stringify(variables));
}

export async function run(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Execute query/ }).click();
}

/**
 * The result pane's JSON once it contains `needle`. Monaco draws each line (and each wrapped
 * part of a long line, indented) as its own element with non-breaking spaces: joined, with runs
 * of spaces made one, they are the JSON document again (wraps fall on spaces).
 */
export async function resultContaining(page: Page, needle: string): Promise<Record<string, unknown>> {
  const shownText = (text: string) => {
    const shown = (document.querySelector('.graphiql-response .view-lines')?.textContent ?? '').replace(/[\s\u00a0]+/g, ' ');
    return shown.includes(text) ? shown : null;
  };
  const handle = await page.waitForFunction(shownText, needle).catch(async (error: Error) => {
    // Say what the pane showed instead, so a failure reads as a wrong answer, not a timeout.
    const shown = await page.locator('.graphiql-response .view-lines').textContent();
    throw new Error(`${error.message}\nThe result pane shows: ${shown?.replace(/[\s\u00a0]+/g, ' ')}`);
  });
  return JSON.parse((await handle.jsonValue()) as string) as Record<string, unknown>;
}
