// What the real-editor tests (neovim.test.ts, emacs.test.ts) share: the library's TR104 findings
// in an editor's 0-based coordinates, and running the editor headless with its output in a log.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';

export interface EditorDiagnostic {
  line: number;
  character: number;
  end_line: number;
  end_character: number;
  message: string;
}

/** The library's TR104 findings of `text`, 0-based and sorted, as an editor shows them. */
export function libraryTr104(text: string, fileName: string): EditorDiagnostic[] {
  return analyzeDocument(text, { fileName })
    .findings.filter((f) => f.ruleId === 'TR104')
    .map((f) => ({ line: f.range.start.line - 1, character: f.range.start.column - 1, end_line: f.range.end.line - 1, end_character: f.range.end.column - 1, message: f.message }))
    .sort((a, b) => a.line - b.line || a.character - b.character);
}

/** Runs `command args` in `cwd` with `env` added, stdout and stderr to a log file; its exit code and the log's path. */
export async function runEditor(name: string, command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; logFile: string }> {
  const logFile = path.join(os.tmpdir(), `lsp-${name}-${process.pid}-${Date.now()}.log`);
  const log = fs.openSync(logFile, 'w');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', log, log] });
    child.on('exit', resolve);
  });
  fs.closeSync(log);
  return { code, logFile };
}

/** The seed example both editor tests open: the repository root, its path and its text. */
export function seedExample(root: string): { seed: string; text: string } {
  const seed = path.join(root, 'examples', 'il2-lupus-news.trial.md');
  return { seed, text: fs.readFileSync(seed, 'utf8') };
}

/** What an editor test reports back about the seed example's TR104 findings and its 60% quick fix. */
export interface SeedQuickFix<D> {
  diagnosticsArrived: boolean;
  tr104: D[];
  row: number;
  titles: string[];
  lineAfter: string;
  cleared: boolean;
  tr104After: D[];
}

/**
 * The checks both editors must pass on the seed example: its four TR104 findings where the
 * library puts them (`expected` in the editor's shape), the quick-fix titles at "60% of
 * patients", the fix applied to that line and its finding gone. Returns the edited text.
 */
export function assertSeedQuickFix<D>(out: SeedQuickFix<D>, text: string, expected: (text: string) => D[]): string {
  assert.equal(out.diagnosticsArrived, true);
  assert.deepEqual(out.tr104, expected(text));
  assert.equal(out.tr104.length, 4);
  const lines = text.split('\n');
  assert.ok(lines[out.row]!.includes('reached by 60% of patients'));
  assert.deepEqual(out.titles, ['Replace 60% with 60.5%', 'Replace 60% with 61%', 'Suppress TR104 here with a justification comment', 'Fix all TR104 problems in this file (4)']);
  assert.equal(out.lineAfter, lines[out.row]!.replace('60% of patients', '60.5% of patients'));
  assert.equal(out.cleared, true);
  lines[out.row] = out.lineAfter;
  const edited = lines.join('\n');
  assert.deepEqual(out.tr104After, expected(edited));
  assert.equal(out.tr104After.length, 3);
  return edited;
}
