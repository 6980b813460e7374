// util.escapeJavaScript, following Apache Commons Lang 3 escapeEcmaScript (see aws-unverified):
// ' " \ / get a backslash, \b \n \t \f \r their short escapes, and every other character below
// U+0020 or above U+007F becomes \uXXXX (upper-case hex, surrogate pairs escaped one by one).
const SHORT_ESCAPES: Record<string, string> = {
  "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r',
};

export function escapeJavaScript(value: string): string {
  const text = `${value}`;
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (Object.prototype.hasOwnProperty.call(SHORT_ESCAPES, ch)) out += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
