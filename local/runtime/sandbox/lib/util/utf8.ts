// UTF-8 bytes of a string and back, without TextEncoder (not a language built-in in every realm).
// Lone surrogates encode as "?" and bad byte sequences decode as U+FFFD, as Java's coders do.

export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) bytes.push(0x3f);
    else if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

export function utf8Decode(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    let cp = length === 1 ? lead : length === 2 ? lead & 31 : length === 3 ? lead & 15 : lead & 7;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k += 1) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) ok = false;
      else cp = cp * 64 + (next & 63);
    }
    const minimum = [0, 0, 0x80, 0x800, 0x10000][length];
    if (!ok || cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\uFFFD';
      i += 1;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += length;
  }
  return out;
}
