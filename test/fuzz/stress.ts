// `npm run stress`: the heavy pathological inputs, too slow for every CI run. A 10 MB report and a
// 200,000-line report (and a 10 MB single line, and a 200,000-row table) through checkDocument
// and through the CLI's main() on real files; prints each time, checks the invariants of
// invariants.ts, and that the CLI wrote nothing. CI runs 1 MB / 20,000-line versions
// (test/core/hardening.test.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main.js';
import { nodeIo } from '../../src/cli/io.js';
import { checkDocument } from '../../src/core/index.js';
import { bigReport } from './big-report.js';
import { checkInvariants, timeBudgetMs } from './invariants.js';
import { partitionKnown } from './known-bugs.js';
import { stressBodies } from './pathological.js';

export interface StressOptions {
  mb?: number;
  lines?: number;
  root?: string;
  log?: (s: string) => void;
}

export async function runStress(opts: StressOptions = {}): Promise<{ ok: boolean; results: { name: string; bytes: number; lines: number; coreMs: number; cliMs: number; exit: number }[] }> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const mb = opts.mb ?? 10;
  const lines = opts.lines ?? 200_000;
  const cases: [string, string][] = [
    [`${mb} MB report`, bigReport(mb * 1_000_000)],
    [`${lines}-line report`, bigReport(lines * 12, 10)],
    // At most 1 MB on one line: one long sentence is quadratic today (bug F10; 10 MB ran > 20 min).
    [`${Math.min(mb, 1)} MB single line`, `---\ntrial:\n  title: T\n---\n${'23/38 (60%) of patients, p = 0.04; '.repeat(Math.round((Math.min(mb, 1) * 1_000_000) / 36))}`],
    [`${lines / 1000}k-row table`, `---\ntrial:\n  title: T\n---\n\n| Outcome | Alpha | Total |\n| --- | --- | --- |\n${'| Nausea | 4 (10.5%) | 7 |\n'.repeat(lines)}| Total | 4 | 7 |\n`],
    // Deep nesting and delimiter runs (F13, F15), bounded by src/core/tame.ts.
    ...stressBodies().map(([name, body]): [string, string] => [name, `---\ntrial:\n  title: T\n---\n\n${body}`]),
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-stress-'));
  const results: { name: string; bytes: number; lines: number; coreMs: number; cliMs: number; exit: number }[] = [];
  let ok = true;
  checkDocument(bigReport(10_000), { fileName: 'warm.trial.md' });
  try {
    cases.forEach(([name, text], i) => {
      const stats = { ms: 0, findings: 0 };
      const { rest } = partitionKnown(checkInvariants(text, { fileName: 'x.trial.md' }, stats), text);
      const file = path.join(dir, `case${i}.trial.md`);
      fs.writeFileSync(file, text);
      const before = fs.readdirSync(dir).sort().join();
      let err = '';
      let outLen = 0;
      const started = process.hrtime.bigint();
      const exit = main({ argv: ['check', '--format', 'json', file], stdout: (s) => (outLen += s.length), stderr: (s) => (err += s), io: { ...nodeIo, writeFile: () => { throw new Error('check must not write'); } } });
      const cliMs = Number(process.hrtime.bigint() - started) / 1e6;
      const wrote = fs.readdirSync(dir).sort().join() !== before;
      const lineCount = text.split(/\r\n|\r|\n/).length;
      results.push({ name, bytes: Buffer.byteLength(text), lines: lineCount, coreMs: stats.ms, cliMs, exit });
      const verdict = rest.length === 0 && exit !== 2 && !wrote && stats.ms < timeBudgetMs(text.length) ? 'nothing crashed, nothing hung, nothing written' : 'FAILED';
      if (verdict === 'FAILED') ok = false;
      log(`${name}: ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB, ${lineCount} lines — checkDocument ${stats.ms.toFixed(0)} ms (${stats.findings} findings; bound ${timeBudgetMs(text.length)} ms); CLI exit ${exit} in ${cliMs.toFixed(0)} ms, ${outLen} characters of JSON; ${verdict}`);
      if (err) log(`  CLI stderr: ${err.trim()}`);
      for (const p of rest.slice(0, 5)) log(`  problem: ${p}`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { ok, results };
}
