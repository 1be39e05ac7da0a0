// What must hold for every document, however hostile: the check does not throw, finishes within a
// time bound, puts every range inside the document, raises no internal error, and gives the same
// answer twice. Line geometry is computed here independently of src/core/lines.ts (an oracle
// that shares code with the thing it checks would share its bugs).
import { checkDocument } from '../../src/core/index.js';
import type { CheckOptions, Finding, Range } from '../../src/core/index.js';

/** Lines as an editor sees them: split at CRLF, LF or CR; lengths in UTF-16 code units. */
export function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}

/**
 * The time bound: the issue asks for 1 s per 100 KB. Asserted with a generous margin (5×, and
 * never below 5 s) so a loaded 2-core CI machine cannot make it flaky; the figures actually
 * measured are reported by the campaign and in the test titles.
 */
export function timeBudgetMs(length: number): number {
  return 5 * Math.max(1000, (length / 100_000) * 1000);
}

export interface CheckStats {
  ms: number;
  findings: number;
}

function rangeProblem(r: Range, lengths: number[], what: string): string | undefined {
  const pos = [r.start, r.end];
  for (const p of pos) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.column)) return `${what}: non-integer position ${JSON.stringify(r)}`;
    if (p.line < 1 || p.line > lengths.length) return `${what}: line ${p.line} outside 1..${lengths.length} in ${JSON.stringify(r)}`;
    const len = lengths[p.line - 1]!;
    if (p.column < 1 || p.column > len + 1) return `${what}: column ${p.column} outside 1..${len + 1} (line ${p.line}) in ${JSON.stringify(r)}`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.column > r.end.column)) return `${what}: start after end in ${JSON.stringify(r)}`;
  return undefined;
}

function findingProblems(f: Finding, lengths: number[], text: string): string[] {
  const out: string[] = [];
  const what = `${f.ruleId} "${f.message.slice(0, 80)}"`;
  if (!/^TR\d{3}$/.test(f.ruleId)) out.push(`${what}: bad rule id`);
  if (!['error', 'warning', 'info'].includes(f.severity)) out.push(`${what}: bad severity ${String(f.severity)}`);
  if (typeof f.message !== 'string' || f.message.trim() === '') out.push(`${what}: empty message`);
  // A message that prints a JavaScript artefact the writer did not type has been fooled.
  for (const artefact of ['undefined', '[object Object]', 'NaN']) {
    if (f.message.includes(artefact) && !text.includes(artefact)) out.push(`${what}: message shows a JavaScript artefact (${artefact})`);
  }
  if (/Internal error/i.test(f.message)) out.push(`${what}: internal error (a rule threw): ${f.message}`);
  const p = rangeProblem(f.range, lengths, what);
  if (p) out.push(p);
  if (f.expected !== undefined && (!Array.isArray(f.expected) || f.expected.some((e) => typeof e !== 'string'))) out.push(`${what}: expected is not a list of strings`);
  for (const r of f.related ?? []) {
    const q = rangeProblem(r.range, lengths, `${what} related "${r.message}"`);
    if (q) out.push(q);
  }
  return out;
}

/**
 * Checks one document twice and returns every broken invariant (empty when all hold). Throws
 * nothing: a thrown error from the checker is itself reported as a problem. `timed: false`
 * leaves out the time bound (for tests that assert structural bounds instead).
 */
export function checkInvariants(text: string, options: CheckOptions, stats?: CheckStats, timed = true): string[] {
  const problems: string[] = [];
  const frozen = JSON.stringify(options);
  let first: ReturnType<typeof checkDocument>;
  const started = process.hrtime.bigint();
  try {
    first = checkDocument(text, options);
  } catch (e) {
    return [`checkDocument threw: ${(e as Error)?.stack ?? String(e)}`];
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (stats) {
    stats.ms = ms;
    stats.findings = first.findings.length;
  }
  if (timed && ms > timeBudgetMs(text.length)) problems.push(`took ${ms.toFixed(0)} ms for ${text.length} characters (bound ${timeBudgetMs(text.length)} ms)`);
  const lengths = lineLengths(text);
  for (const f of first.findings) problems.push(...findingProblems(f, lengths, text));
  for (const s of first.suppressions) {
    if (!Number.isInteger(s.line) || s.line < 1 || s.line > lengths.length) problems.push(`suppression ${s.ruleId} on line ${s.line} outside 1..${lengths.length}`);
  }
  if (JSON.stringify(options) !== frozen) problems.push('checkDocument changed its options object');
  let second: ReturnType<typeof checkDocument>;
  try {
    second = checkDocument(text, options);
  } catch (e) {
    return [...problems, `second checkDocument threw: ${(e as Error)?.stack ?? String(e)}`];
  }
  const a = JSON.stringify({ f: first.findings, s: first.suppressions });
  const b = JSON.stringify({ f: second.findings, s: second.suppressions });
  if (a !== b) problems.push(`not deterministic: first ${a.slice(0, 300)} second ${b.slice(0, 300)}`);
  return problems;
}
