/// <reference lib="dom" />
/**
 * Amplify always dials wss://, so on the twin the browser must trust its local CA. The page
 * probes the API's port over https (the page itself may come from http, or from another host);
 * when that fails it says exactly what to do.
 */
import { useCallback, useEffect, useState } from 'react';
import { h } from './h';

async function httpsReachable(httpsOrigin: string): Promise<boolean> {
  try {
    // An opaque (no-cors) answer is enough: only the TLS handshake matters.
    await fetch(`${httpsOrigin}/amplify_outputs.json`, { mode: 'no-cors', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

/** `apiUrl`: the twin's GraphQL endpoint (its realtime socket is on the same host and port). */
export function TlsWarning({ apiUrl }: { apiUrl: string }) {
  const httpsOrigin = `https://${new URL(apiUrl).host}`;
  const [trusted, setTrusted] = useState(true);
  const check = useCallback(() => void httpsReachable(httpsOrigin).then(setTrusted), [httpsOrigin]);
  useEffect(check, [check]);
  if (trusted) return null;
  // The twin serves the chat page too: accepting there leads straight back into the chat.
  const httpsPage = `${httpsOrigin}/${location.host === new URL(apiUrl).host ? location.hash : ''}`;
  return h(
    'div',
    { className: 'tls-warning', role: 'alert' },
    h('strong', null, 'Live messages are off: this browser does not trust the twin\'s certificate yet. '),
    'Messages arrive over wss://, which needs it. Either:',
    h(
      'ol',
      null,
      h(
        'li',
        null,
        'open ',
        h('a', { href: httpsPage }, httpsPage),
        ' and accept the warning once (Chromium: Advanced, then Proceed; Firefox: Advanced, then Accept the Risk and Continue); the chat continues there, or',
      ),
      h('li', null, 'trust the twin\'s CA, ', h('code', null, '.data/tls/ca.pem'), ', as the README\'s "Trust the twin\'s certificate" shows, then ', h('button', { type: 'button', className: 'link', onClick: check }, 'check again'), '.'),
    ),
  );
}
