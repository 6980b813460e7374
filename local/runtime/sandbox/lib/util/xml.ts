// util.xml.toMap / toJsonString: a small single-pass XML scanner. No regular expressions and no
// recursion (deep documents cannot overflow the stack); unary + instead of Number(), which the
// realm makes uncallable. The shape follows the documented examples and, for what AWS leaves
// open, org.json's XML.toJSONObject (see aws-unverified.ts).
import {
  XML_COERCE_VALUES,
  XML_EMPTY_ELEMENT_VALUE,
  XML_MALFORMED_RESULT,
  XML_TEXT_KEY,
} from '../aws-unverified';

type XmlValue = string | number | boolean | null | XmlMap | XmlValue[];
interface XmlMap {
  [key: string]: XmlValue;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Characters that end a tag, attribute name or unquoted attribute value. */
const NAME_STOP = '<>/=!?[]"\'';

class XmlError extends Error {}

const hasOwn = (map: XmlMap, key: string) => Object.prototype.hasOwnProperty.call(map, key);

/** Repeated keys become a list; `__proto__` is an ordinary key. */
function accumulate(map: XmlMap, key: string, value: XmlValue): void {
  if (!hasOwn(map, key)) {
    Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
    return;
  }
  const existing = map[key];
  if (Array.isArray(existing)) existing.push(value);
  else map[key] = [existing, value];
}

const isEntityChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 35;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Java String.trim: strips code points up to U+0020 at both ends. */
function trim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start += 1;
  while (end > start && s.charCodeAt(end - 1) <= 32) end -= 1;
  return s.slice(start, end);
}

function isDigits(s: string, from: number, hex: boolean): boolean {
  if (from >= s.length) return false;
  for (let i = from; i < s.length; i += 1) {
    const c = s.charCodeAt(i) | 32; // lower-case letters
    if (!((c >= 48 && c <= 57) || (hex && c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** org.json's stringToValue: true/false/null and plain numbers become JSON values. */
function toValue(s: string): XmlValue {
  if (!XML_COERCE_VALUES || s === '') return s;
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  const first = s.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45)) return s;
  if (s.includes('.') || lower.includes('e') || s === '-0') {
    const d = +s;
    return Number.isFinite(d) ? d : s;
  }
  if (!isDigits(s, first === 45 ? 1 : 0, false)) return s;
  const n = +s;
  // "007" and integers a double cannot hold exactly stay strings.
  return Number.isSafeInteger(n) && `${n}` === s ? n : s;
}

function parse(xml: string): XmlMap {
  const root: XmlMap = {};
  const stack: Array<{ name: string; map: XmlMap }> = [];
  let pos = 0;
  const fail = (message: string): never => {
    throw new XmlError(`${message} at ${pos}`);
  };
  const context = () => (stack.length > 0 ? stack[stack.length - 1].map : root);
  const skipSpace = () => {
    while (isSpace(xml[pos])) pos += 1;
  };
  const expect = (c: string) => {
    if (xml[pos] !== c) fail(`Expected '${c}'`);
    pos += 1;
  };
  const readName = () => {
    const start = pos;
    while (pos < xml.length && !isSpace(xml[pos]) && !NAME_STOP.includes(xml[pos])) pos += 1;
    return xml.slice(start, pos);
  };
  const skipPast = (end: string) => {
    const at = xml.indexOf(end, pos);
    if (at < 0) fail(`Missing '${end}'`);
    const start = pos;
    pos = at + end.length;
    return xml.slice(start, at);
  };
  /** `&...;` with pos on the `&`: only letters, digits and '#' may come before the ';'. */
  const readEntity = () => {
    let end = pos + 1;
    while (end < xml.length && isEntityChar(xml.charCodeAt(end))) end += 1;
    if (end === pos + 1 || xml[end] !== ';') fail("Missing ';' in entity");
    const name = xml.slice(pos + 1, end);
    pos = end + 1;
    if (name[0] !== '#') return hasOwn(ENTITIES, name) ? ENTITIES[name] : `&${name};`;
    const hex = name[1] === 'x' || name[1] === 'X';
    const digits = name.slice(hex ? 2 : 1);
    if (!isDigits(digits, 0, hex)) fail('Bad character reference');
    const code = +(hex ? `0x${digits}` : digits);
    if (code > 0x10ffff) fail('Bad character reference');
    return String.fromCodePoint(code);
  };
  /** Text up to `stop` (or the end), with references decoded. */
  const readText = (stop: string) => {
    let out = '';
    let start = pos;
    while (pos < xml.length && xml[pos] !== stop) {
      if (xml[pos] === '&') {
        out += xml.slice(start, pos) + readEntity();
        start = pos;
      } else pos += 1;
    }
    return out + xml.slice(start, pos);
  };
  const closeElement = (name: string, map: XmlMap) => {
    const keys = Object.keys(map);
    const value = keys.length === 0 ? XML_EMPTY_ELEMENT_VALUE : keys.length === 1 && keys[0] === XML_TEXT_KEY ? map[XML_TEXT_KEY] : map;
    accumulate(context(), name, value);
  };

  for (;;) {
    if (stack.length === 0) {
      // Outside the root only markup counts (an XML declaration, comments, further roots).
      const next = xml.indexOf('<', pos);
      if (next < 0) return root;
      pos = next;
    } else {
      const text = trim(readText('<'));
      if (pos >= xml.length) fail(`Unclosed tag ${stack[stack.length - 1].name}`);
      if (text !== '') accumulate(context(), XML_TEXT_KEY, toValue(text));
    }
    pos += 1; // '<'
    skipSpace();
    if (xml.startsWith('!--', pos)) {
      pos += 3;
      skipPast('-->');
    } else if (xml.startsWith('![CDATA[', pos)) {
      pos += 8;
      const data = skipPast(']]>');
      if (data !== '') accumulate(context(), XML_TEXT_KEY, data);
    } else if (xml[pos] === '!') {
      // <!DOCTYPE ...> with an optional [internal subset]: skip to the matching '>'.
      let depth = 1;
      while (depth > 0) {
        const c = xml[pos++];
        if (c === undefined) fail("Missing '>' after '<!'");
        else if (c === '"' || c === "'") skipPast(c);
        else if (c === '<') depth += 1;
        else if (c === '>') depth -= 1;
      }
    } else if (xml[pos] === '?') {
      skipPast('?>');
    } else if (xml[pos] === '/') {
      pos += 1;
      skipSpace();
      const name = readName();
      skipSpace();
      expect('>');
      const open = stack.pop();
      if (open === undefined) fail(`Mismatched close tag ${name}`);
      else if (open.name !== name) fail(`Mismatched ${open.name} and ${name}`);
      else closeElement(name, open.map);
    } else {
      const name = readName();
      if (name === '') fail('Misshaped tag');
      const map: XmlMap = {};
      for (;;) {
        skipSpace();
        if (xml[pos] === '>') {
          pos += 1;
          stack.push({ name, map });
          break;
        }
        if (xml[pos] === '/') {
          pos += 1;
          skipSpace();
          expect('>');
          closeElement(name, map);
          break;
        }
        const attribute = readName();
        if (attribute === '') fail('Misshaped tag');
        skipSpace();
        if (xml[pos] !== '=') {
          accumulate(map, attribute, '');
          continue;
        }
        pos += 1;
        skipSpace();
        const quote = xml[pos];
        let value: string;
        if (quote === '"' || quote === "'") {
          pos += 1;
          value = readText(quote);
          expect(quote);
        } else {
          value = readName();
          if (value === '') fail('Missing value');
        }
        accumulate(map, attribute, toValue(value));
      }
    }
  }
}

export function createXmlUtils() {
  const toMap = (xml: string): XmlMap | null => {
    if (typeof xml !== 'string') return null;
    try {
      return parse(xml);
    } catch (error) {
      if (error instanceof XmlError) return XML_MALFORMED_RESULT;
      throw error;
    }
  };
  return {
    toMap,
    toJsonString(xml: string, stringEncode?: boolean): string {
      const json = JSON.stringify(toMap(xml));
      return stringEncode === true ? JSON.stringify(json) : json;
    },
  };
}
