// `check --fix` and `--fix-dry-run`: the core's preferred fix of every fixable finding, the same
// edits the editor's fix-all applies, repeated until nothing fixable is left (a fix may reveal
// another: a corrected count makes its share checkable), at most MAX_PASSES times so that two
// fixes undoing each other cannot loop. Writing is atomic: a temporary file beside the original,
// then a rename, so an interrupted run leaves the old file or the new one, never half of each.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyEdits, selectFixes } from '../core/fixes.js';
import type { Finding } from '../core/types.js';

/** As ESLint: enough for fixes that uncover fixes, few enough to stop a cycle quickly. */
const MAX_PASSES = 10;

export interface AppliedFix {
  ruleId: string;
  /** 1-based line of the finding in the text the fix was applied to. */
  line: number;
  title: string;
}

export interface FixOutcome {
  text: string;
  applied: AppliedFix[];
}

/** Applies preferred fixes until none is left; `check` gives the findings of a text. */
export function fixText(text: string, check: (text: string) => readonly Finding[]): FixOutcome {
  const applied: AppliedFix[] = [];
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { edits, fixed } = selectFixes(check(current), current);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    for (const f of fixed) applied.push({ ruleId: f.ruleId, line: f.range.start.line, title: f.fixes![0]!.title });
    current = next;
  }
  return { text: current, applied };
}

/** "3 fixes (TR104 ×2, TR301)". */
export function describeApplied(applied: readonly AppliedFix[]): string {
  const counts = new Map<string, number>();
  for (const a of applied) counts.set(a.ruleId, (counts.get(a.ruleId) ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([id, n]) => (n > 1 ? `${id} ×${n}` : id));
  return `${applied.length} fix${applied.length === 1 ? '' : 'es'} (${parts.join(', ')})`;
}

/** A unified diff of the change, named by the path as the user typed it. */
export function unifiedDiff(display: string, before: string, after: string): string {
  const p = display.split(path.sep).join('/');
  // jsdiff opens with a line of "=" signs that `diff -u` and git do not write.
  return createTwoFilesPatch(`a/${p}`, `b/${p}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
}

/**
 * Writes `data` to `file` atomically: a temporary file in the same folder (so the rename stays on
 * one file system), flushed, given the original's permissions, then renamed over the original.
 * On failure the temporary file is removed and the original is untouched.
 */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode ?? 0o666);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
