// Unit test of the position mapping used for `code.js:LINE:COL` messages.
import { blank, EditedSource } from '../../../../local/runtime/source-edits';

describe('EditedSource', () => {
  const original = 'export function f() {\n  for (const x of y) { g(x); }\n}\n';

  it('keeps positions where text was blanked', () => {
    const edited = new EditedSource(original, [blank(original, 0, 7)]);
    expect(edited.text.startsWith('       function f()')).toBe(true);
    expect(edited.toOriginal({ line: 1, column: 17 })).toEqual({ line: 1, column: 17 });
  });

  it('maps text after an insertion back to where it was', () => {
    const braceAt = original.indexOf('{ g');
    const edited = new EditedSource(original, [{ start: braceAt + 1, end: braceAt + 1, text: 'tick();' }]);
    expect(edited.text).toContain('{tick(); g(x); }');
    const gInEdited = edited.text.split('\n')[1].indexOf('g(x)') + 1;
    const gInOriginal = original.split('\n')[1].indexOf('g(x)') + 1;
    expect(edited.toOriginal({ line: 2, column: gInEdited })).toEqual({ line: 2, column: gInOriginal });
  });

  it('reports inserted text at its anchor', () => {
    const forAt = original.indexOf('for');
    const braceAt = original.indexOf('{ g');
    const edited = new EditedSource(original, [{ start: braceAt + 1, end: braceAt + 1, text: 'tick();', anchor: forAt }]);
    const tickInEdited = edited.text.split('\n')[1].indexOf('tick') + 1;
    expect(edited.toOriginal({ line: 2, column: tickInEdited })).toEqual({ line: 2, column: 3 });
  });

  it('refuses overlapping edits', () => {
    expect(() => new EditedSource(original, [blank(original, 0, 10), blank(original, 5, 12)])).toThrow('overlapping source edits at offset 5');
  });
});
