/**
 * The pages a person opens: the chat page at / and the query console at /console. Kept apart
 * from the API routes so the web build can change without touching them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { placeholderPage } from './placeholder-pages';

/** Answers GET requests for the twin's pages; returns false for any other request. */
export function servePage(req: IncomingMessage, res: ServerResponse, path: string): boolean | Promise<boolean> {
  if (req.method !== 'GET' || (path !== '/' && path !== '/console')) return false;
  const html = placeholderPage(path === '/' ? 'Chat (local twin)' : 'Query console (local twin)', {
    GraphQL: '/graphql',
    Realtime: '/graphql/realtime',
    Console: '/console',
  });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
  return true;
}
