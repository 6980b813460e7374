/// <reference lib="dom" />
/**
 * Amplify always dials wss://, so on the twin the browser must trust its local CA. A page opened
 * over http probes the same port over https; when that fails the page says what to do.
 */
import { useEffect, useState } from 'react';
import { h } from './h';

async function httpsReachable(): Promise<boolean> {
  try {
    // An opaque (no-cors) answer is enough: only the TLS handshake matters.
    await fetch(`https://${location.host}/amplify_outputs.json`, { mode: 'no-cors', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

export function TlsWarning() {
  const [trusted, setTrusted] = useState(true);
  useEffect(() => {
    void httpsReachable().then(setTrusted);
  }, []);
  if (trusted) return null;
  const httpsOrigin = `https://${location.host}/`;
  return h(
    'div',
    { className: 'tls-warning', role: 'alert' },
    h('strong', null, 'Live messages need the twin\'s certificate. '),
    'Open ',
    h('a', { href: httpsOrigin, target: '_blank', rel: 'noreferrer' }, httpsOrigin),
    ' once and accept the certificate (or trust .data/tls/ca.pem, see the README), then reload this page.',
  );
}
