// Applies text edits to resolver code and maps positions in the edited text back to the
// original, so runtime errors report `code.js:LINE:COL` of the code the user wrote.

export interface SourceEdit {
  /** Range of the original text to replace (start === end inserts). */
  start: number;
  end: number;
  text: string;
  /** Original offset that positions inside `text` report; defaults to `start`. */
  anchor?: number;
}

interface Segment {
  editedStart: number;
  originalStart: number;
  length: number;
  /** Copied text maps offset by offset; inserted text maps every offset to its anchor. */
  copied: boolean;
}

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export class EditedSource {
  readonly text: string;
  private readonly segments: Segment[];
  private readonly editedLineStarts: number[];
  private readonly originalLineStarts: number[];

  constructor(original: string, edits: readonly SourceEdit[]) {
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    const parts: string[] = [];
    const segments: Segment[] = [];
    let originalPos = 0;
    let editedPos = 0;
    const copy = (until: number): void => {
      if (until <= originalPos) return;
      segments.push({ editedStart: editedPos, originalStart: originalPos, length: until - originalPos, copied: true });
      parts.push(original.slice(originalPos, until));
      editedPos += until - originalPos;
      originalPos = until;
    };
    for (const edit of sorted) {
      if (edit.start < originalPos) throw new Error(`overlapping source edits at offset ${edit.start}`);
      copy(edit.start);
      // Same-length replacements (blanking) keep offsets, so they map one to one.
      const sameLength = edit.text.length === edit.end - edit.start && edit.anchor === undefined;
      if (edit.text.length > 0) {
        segments.push({ editedStart: editedPos, originalStart: edit.anchor ?? edit.start, length: edit.text.length, copied: sameLength });
      }
      parts.push(edit.text);
      editedPos += edit.text.length;
      originalPos = edit.end;
    }
    copy(original.length);
    this.text = parts.join('');
    this.segments = segments;
    this.editedLineStarts = lineStarts(this.text);
    this.originalLineStarts = lineStarts(original);
  }

  /** Maps a 1-based line/column of the edited text to the original text. */
  toOriginal(position: LineColumn): LineColumn {
    const editedOffset = offsetOf(this.editedLineStarts, position);
    const segment = this.segmentAt(editedOffset);
    const originalOffset = segment === undefined
      ? editedOffset
      : segment.copied ? segment.originalStart + (editedOffset - segment.editedStart) : segment.originalStart;
    return positionOf(this.originalLineStarts, originalOffset);
  }

  private segmentAt(offset: number): Segment | undefined {
    let low = 0;
    let high = this.segments.length - 1;
    let found: Segment | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const segment = this.segments[mid];
      if (segment.editedStart <= offset) {
        found = segment;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
}

/** Replaces a range with spaces, keeping line breaks, so nothing after it moves. */
export function blank(original: string, start: number, end: number): SourceEdit {
  return { start, end, text: original.slice(start, end).replace(/[^\r\n]/g, ' ') };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return starts;
}

function offsetOf(starts: number[], { line, column }: LineColumn): number {
  const lineIndex = Math.min(Math.max(line - 1, 0), starts.length - 1);
  return starts[lineIndex] + Math.max(column - 1, 0);
}

function positionOf(starts: number[], offset: number): LineColumn {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}
