// util.urlEncode / util.urlDecode: application/x-www-form-urlencoded with UTF-8, the way Java's
// URLEncoder/URLDecoder do it: letters, digits and ". - * _" stay, space becomes "+", every other
// byte becomes %XX in upper case.
import { utf8Bytes, utf8Decode } from './utf8';

const UNRESERVED = /^[A-Za-z0-9.\-*_]$/;
const HEX = '0123456789ABCDEF';

export function urlEncode(value: string): string {
  let out = '';
  for (const ch of `${value}`) {
    if (UNRESERVED.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else for (const byte of utf8Bytes(ch)) out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function hexValue(ch: string | undefined): number {
  return ch === undefined ? -1 : '0123456789abcdef'.indexOf(ch.toLowerCase());
}

export function urlDecode(value: string): string {
  const text = `${value}`;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '+') {
      out += ' ';
      i += 1;
    } else if (ch === '%') {
      const bytes: number[] = [];
      while (text[i] === '%') {
        const high = hexValue(text[i + 1]);
        const low = hexValue(text[i + 2]);
        // Java's URLDecoder throws IllegalArgumentException here.
        if (high < 0 || low < 0) throw new TypeError(`URLDecoder: Illegal hex characters in escape (%) pattern at index ${i}`);
        bytes.push(high * 16 + low);
        i += 3;
      }
      out += utf8Decode(bytes);
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}
