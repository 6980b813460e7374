// `--output table` as the AWS CLI draws it (awscli/formatter.py TableFormatter and
// awscli/table.py MultiTable, colour off): a titled section per dictionary or list, scalar keys
// as column headers, nested values as indented sub-sections, and sections with a single row
// turned vertical when the table is wider than the terminal.
import { isDict, isScalar, pythonStr, pythonTruthy, sortedKeys } from './python-str';

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indentLevel = 0;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.updateMaxWidths(headers);
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    const cells = row.map(pythonStr);
    this.rows.push(cells);
    this.updateMaxWidths(cells);
  }

  private updateMaxWidths(row: string[]): void {
    if (this.maxWidths.length === 0) this.maxWidths = row.map(textLength);
    else row.forEach((cell, i) => (this.maxWidths[i] = Math.max(textLength(cell), this.maxWidths[i] ?? 0)));
  }

  /** Column widths scaled so they add up to maxWidth (Python's round, then fixed one by one). */
  columnWidths(padding: number, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => pythonRound(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i] -= 1;
          offBy -= 1;
        } else {
          scaled[i] += 1;
          offBy += 1;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    const total = this.columnWidths(0).reduce((sum, w) => sum + w + padding, 0) + 2 + 2 * outerPadding;
    return Math.max(textLength(this.title) + 2 + 2 * outerPadding, total);
  }
}

/** Python 3's round(): halves go to the even neighbour. */
function pythonRound(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Characters, counting East Asian wide and full-width ones twice (as awscli's get_text_length). */
function textLength(text: string): number {
  let length = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd);
    length += wide ? 2 : 1;
  }
  return length;
}

function centerText(text: string, length: number, left: string, right: string): string {
  const textLen = textLength(text);
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = left.length + start + textLen;
  return `${left}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - right.length - soFar))}${right}`;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const textLen = textLength(text);
  const padding = length - (textLen + 2 + left.length + right.length) >= 0 ? 2 : 0;
  const soFar = left.length + padding + textLen;
  return `${left}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - right.length))}${right}`;
}

class MultiTable {
  sections: Section[] = [];
  private current: Section | undefined;

  newSection(title: string, indentLevel: number): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  addHeader(headers: string[]): void {
    this.section().addHeader(headers);
  }

  addRow(row: unknown[]): void {
    this.section().addRow(row);
  }

  private section(): Section {
    if (this.current === undefined) this.newSection('', 0);
    return this.current as Section;
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, s.indentLevel)));
  }

  render(terminalWidth: number): string {
    if (this.sections.length === 0) return '';
    if (this.maxWidth() > terminalWidth) this.sections = this.sections.map(vertical);
    const maxWidth = this.maxWidth();
    const lines: string[] = ['-'.repeat(maxWidth)];
    for (const section of this.sections) lines.push(...renderSection(section, maxWidth - section.indentLevel * 2).map((line) => indent(line, section.indentLevel)));
    return `${lines.join('\n')}\n`;
  }
}

const indent = (line: string, level: number): string => `${'|'.repeat(level)}${line}${'|'.repeat(level)}`;

/** A section with headers and one row becomes rows of [header, value]. */
function vertical(section: Section): Section {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const turned = new Section();
  turned.title = section.title;
  turned.indentLevel = section.indentLevel;
  section.headers.forEach((header, i) => turned.addRow([header, section.rows[0][i]]));
  return turned;
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join('');
}

function renderSection(section: Section, maxWidth: number): string[] {
  const lines: string[] = [];
  if (section.title) {
    lines.push(centerText(section.title, maxWidth, '|', '|'));
    if (section.headers.length === 0 && section.rows.length === 0) lines.push(`+${'-'.repeat(maxWidth - 2)}+`);
  }
  if (section.headers.length > 0) {
    const widths = section.columnWidths(4, maxWidth);
    lines.push(lineBreak(widths));
    lines.push(section.headers.map((h, i) => centerText(h, widths[i], i === 0 ? '|' : '', '|')).join(''));
  }
  if (section.rows.length > 0) {
    const widths = section.columnWidths(4, maxWidth);
    if (widths.length > 0) {
      lines.push(lineBreak(widths));
      for (const row of section.rows) lines.push(row.map((cell, i) => alignLeft(cell, widths[i], i === 0 ? '|' : '', '|')).join(''));
      lines.push(lineBreak(widths));
    }
  }
  return lines;
}

function scalarKeys(dict: Record<string, unknown>): { headers: string[]; more: string[] } {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of Object.keys(dict)) (isScalar(dict[key]) ? headers : more).push(key);
  return { headers: sortedKeys(headers), more: sortedKeys(more) };
}

function build(table: MultiTable, title: string | undefined, current: unknown, indentLevel: number): void {
  if (!pythonTruthy(current)) return;
  if (title !== undefined) table.newSection(title, indentLevel);
  if (Array.isArray(current)) {
    if (isDict(current[0])) {
      buildFromList(table, current, indentLevel, title);
    } else {
      for (const item of current) {
        if (isScalar(item)) table.addRow([item]);
        else if (Array.isArray(item) && item.every(isScalar)) table.addRow(item);
        else build(table, undefined, item, 0);
      }
    }
  } else if (isDict(current)) {
    const { headers, more } = scalarKeys(current);
    if (headers.length === 1) table.addRow([headers[0], current[headers[0]]]);
    else if (headers.length > 0) {
      table.addHeader(headers);
      table.addRow(headers.map((h) => current[h]));
    }
    for (const key of more) build(table, key, current[key], indentLevel + 1);
  } else {
    table.addRow([current]);
  }
}

function buildFromList(table: MultiTable, list: unknown[], indentLevel: number, title: string | undefined): void {
  const headerSet = new Set<string>();
  const moreSet = new Set<string>();
  for (const item of list) {
    if (!isDict(item)) continue;
    const { headers, more } = scalarKeys(item);
    headers.forEach((h) => headerSet.add(h));
    more.forEach((m) => moreSet.add(m));
  }
  const headers = sortedKeys(headerSet);
  const more = sortedKeys(moreSet);
  table.addHeader(headers);
  list.forEach((element, index) => {
    const item = isDict(element) ? element : {};
    if (index > 0 && more.length > 0) {
      table.newSection(title ?? '', indentLevel);
      table.addHeader(headers);
    }
    table.addRow(headers.map((h) => (Object.hasOwn(item, h) ? item[h] : '')));
    for (const key of more) if (Object.hasOwn(item, key)) build(table, key, item[key], indentLevel + 1);
  });
}

/** The table for `value`, titled with the operation name, for a terminal `terminalWidth` columns wide. */
export function formatTable(title: string, value: unknown, terminalWidth: number): string {
  const table = new MultiTable();
  build(table, title, value, 0);
  return table.render(terminalWidth);
}
