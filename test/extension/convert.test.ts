import * as assert from 'node:assert/strict';
import { isEmptyRange, linesOf, toCorePosition, toEditorPosition, toEditorRange } from '../../src/extension/convert';

describe('extension/convert', () => {
  const lines = linesOf('---\ntrial:\n  title: X\n---\n\n## Results\n');

  it('maps 1-based core positions to 0-based editor positions', () => {
    assert.deepEqual(toEditorRange({ start: { line: 2, column: 1 }, end: { line: 2, column: 6 } }, lines), {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 5 },
    });
  });

  it('round-trips a position', () => {
    const p = toEditorPosition({ line: 3, column: 4 }, lines);
    assert.deepEqual(toCorePosition(p), { line: 3, column: 4 });
  });

  it('clamps columns past the end of the line and lines past the end of the document', () => {
    assert.deepEqual(toEditorPosition({ line: 2, column: 99 }, lines), { line: 1, character: 6 });
    assert.deepEqual(toEditorPosition({ line: 99, column: 3 }, lines), { line: 6, character: 0 });
    assert.deepEqual(toEditorPosition({ line: 0, column: 0 }, lines), { line: 0, character: 0 });
    assert.deepEqual(toEditorPosition({ line: -4, column: -2 }, lines), { line: 0, character: 0 });
  });

  it('survives NaN, fractions and missing ranges', () => {
    assert.deepEqual(toEditorPosition({ line: Number.NaN, column: Number.POSITIVE_INFINITY }, lines), { line: 0, character: 0 });
    assert.deepEqual(toEditorPosition({ line: 2.7, column: 3.2 }, lines), { line: 1, character: 2 });
    assert.deepEqual(toEditorRange(undefined, lines), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('collapses an inverted range to its start', () => {
    const r = toEditorRange({ start: { line: 3, column: 5 }, end: { line: 2, column: 1 } }, lines);
    assert.deepEqual(r, { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } });
    assert.ok(isEmptyRange(r));
  });

  it('splits lines as the core does (CRLF, LF, lone CR)', () => {
    const l = linesOf('a\r\nbb\rccc\n');
    assert.equal(l.lineCount, 4);
    assert.equal(l.lineAt(1).text, 'bb');
    assert.equal(l.lineAt(2).text, 'ccc');
    assert.equal(l.lineAt(3).text, '');
    assert.equal(l.lineAt(9).text, '');
  });

  it('works with an empty document', () => {
    const empty = linesOf('');
    assert.deepEqual(toEditorRange({ start: { line: 1, column: 1 }, end: { line: 3, column: 9 } }, empty), {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    });
  });

  it('tolerates a document whose lineAt throws', () => {
    const odd = { lineCount: 2, lineAt: (): { text: string } => { throw new Error('gone'); } };
    assert.deepEqual(toEditorPosition({ line: 1, column: 5 }, odd), { line: 0, character: 0 });
  });
});
