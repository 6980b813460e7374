/**
 * The pages a person opens: the chat page at / and the query console at /console, their assets
 * under /assets/, and /amplify_outputs.json, which both pages read from their own origin. Kept
 * apart from the API routes so the web build can change without touching them.
 *
 * The pages are built from web/ with esbuild in memory on the first request (about a second;
 * nothing is written), so a fresh clone needs no build step and the twin always serves the
 * current source. `npm run web:build` writes the same files for a static host.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { SEED_USERS } from '../auth/seed-users';
import { buildWeb, type WebFile } from '../../web/build';
import type { LocalCredentials } from '../auth/local-credentials';
import type { TwinExtras } from '../../web/shared/outputs';

let building: Promise<Map<string, WebFile>> | null = null;

/** The built pages, once per process; a failed build is tried again on the next request. */
export function webFiles(): Promise<Map<string, WebFile>> {
  building ??= buildWeb().catch((error: unknown) => {
    building = null;
    throw error;
  });
  return building;
}

/** amplify_outputs.json per twin port, set by the twin once it listens. */
const outputsByPort = new Map<number, string>();

/**
 * Serves `outputs` (amplifyOutputs() of local/twin.ts) at /amplify_outputs.json on `port`, with
 * what the pages need on the twin under `custom.twin`: Amplify's userPoolEndpoint and the
 * seeded users as sign-in hints. Returns the function that stops serving it.
 */
export function serveAmplifyOutputs(port: number, outputs: Record<string, unknown>, userPoolEndpoint: string): () => void {
  const twin: TwinExtras = {
    userPoolEndpoint,
    users: SEED_USERS.map(({ username, password, groups }) => ({ username, password, groups: [...groups] })),
  };
  outputsByPort.set(port, JSON.stringify({ ...outputs, custom: { ...(outputs.custom as object | undefined), twin } }, null, 2));
  return () => outputsByPort.delete(port);
}

/**
 * Until the twin registers its outputs: the amplify_outputs.json it wrote in the working
 * directory (`npm start`), when that file points at this port.
 */
function outputsFromFile(port: number): string | null {
  const path = resolve('amplify_outputs.json');
  if (!existsSync(path)) return null;
  const outputs = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & { data?: { url?: string } };
  const url = outputs.data?.url ? new URL(outputs.data.url) : null;
  if (!url || Number(url.port) !== port) return null;
  serveAmplifyOutputs(port, outputs, `${url.origin}/`);
  return outputsByPort.get(port) ?? null;
}

function overTls(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

/**
 * A page loaded over https calls the API and Cognito over https too (the same port serves both),
 * so the browser sees no mixed content and one certificate decision covers everything.
 */
function withHttpsOrigin(outputs: string, port: number): string {
  return outputs.replace(new RegExp(`"http://([^"/]+):${port}(?=[/"])`, 'g'), `"https://$1:${port}`);
}

function send(res: ServerResponse, status: number, contentType: string, body: Uint8Array | string, cache: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': cache });
  res.end(body);
}

/**
 * The twin's local IAM key under custom.twin.iam, for the console's SigV4 mode. It only opens
 * this twin, which listens on the loopback address, and the banner prints it as well.
 */
function withIamKey(outputs: string, credentials: LocalCredentials | undefined): string {
  if (!credentials) return outputs;
  const parsed = JSON.parse(outputs) as { custom?: { twin?: TwinExtras } };
  if (!parsed.custom?.twin) return outputs;
  parsed.custom.twin.iam = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
  return JSON.stringify(parsed, null, 2);
}

/** Answers GET requests for the twin's pages and assets; returns false for any other request. */
export async function servePage(req: IncomingMessage, res: ServerResponse, path: string, credentials?: LocalCredentials): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/amplify_outputs.json') {
    const port = req.socket.localPort ?? 0;
    const outputs = outputsByPort.get(port) ?? outputsFromFile(port);
    if (outputs === null) return false;
    const served = overTls(req) ? withHttpsOrigin(outputs, port) : outputs;
    send(res, 200, 'application/json; charset=utf-8', withIamKey(served, credentials), 'no-store');
    return true;
  }
  if (path !== '/' && path !== '/console' && !path.startsWith('/assets/')) return false;
  const files = await webFiles();
  const file = files.get(path);
  if (!file) return false;
  // Asset names carry no hash (chat.js, console.js), so the browser revalidates them.
  send(res, 200, file.contentType, file.contents, 'no-cache');
  return true;
}
