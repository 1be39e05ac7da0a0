// The long fuzz campaign behind `npm run fuzz` (bundled and started by fuzz/run.mjs): random
// seeds, until a case count or a time limit is reached. Each failing case is shrunk by
// fast-check and saved as a regression fixture under test/fuzz/regressions/ (pending until the
// bug is fixed); distinct failures are told apart by their problem text without numbers.
import * as path from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../helpers.js';
import { caseArb, markdownArb, mutatedSeedArb, randomYamlArb, trialReportArb, type FuzzCase } from './generators.js';
import { checkInvariants, type CheckStats } from './invariants.js';
import { partitionKnown } from './known-bugs.js';
import { saveRegression } from './regressions.js';

export interface CampaignOptions {
  /** Stop after this many cases (default: no limit). */
  runs?: number;
  /** Stop after this many seconds (default 600). */
  seconds?: number;
  /** Seed of the first batch; later batches use seed + 1, + 2, … (default: random). */
  seed?: number;
  /** Cases per fast-check batch (default 200). */
  batch?: number;
  /** Where failing cases go (default test/fuzz/regressions). */
  out?: string;
  /** Save failing cases (default true). */
  save?: boolean;
  log?: (s: string) => void;
  /** Also report the known pending bugs of known-bugs.ts (default false: look for new ones). */
  strict?: boolean;
}

export interface CampaignResult {
  cases: number;
  seconds: number;
  slowest: { ms: number; length: number; property: string };
  largest: number;
  failures: { signature: string; property: string; seed: number; problems: string[]; file?: string; text: string }[];
}

function properties(root: string): { name: string; arb: fc.Arbitrary<FuzzCase> }[] {
  const o = { fileName: 'x.trial.md' };
  return [
    { name: 'markdown', arb: markdownArb.map((text) => ({ text, options: o })) },
    { name: 'yaml', arb: randomYamlArb.map((y) => ({ text: `---\n${y}\n---\n\n## Results\n\n60% of 38.\n`, options: o })) },
    { name: 'report', arb: trialReportArb.map((text) => ({ text, options: o })) },
    { name: 'mutated', arb: mutatedSeedArb(root).map((text) => ({ text, options: o })) },
    { name: 'mix', arb: caseArb(root) },
  ];
}

/**
 * A failure's kind: the rule and what broke (without numbers, quotes or ranges), and whether the
 * document has a BOM or CR line ends (the usual suspects for a misplaced range).
 */
export function signature(problems: string[], text: string): string {
  const first = problems[0] ?? '';
  const rule = /^TR\d{3}/.exec(first)?.[0] ?? '';
  const kind = first
    .replace(/^TR\d{3} "[^]*?": /, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\{.*\}/g, '{…}')
    .replace(/\d+(\.\d+)?/g, 'N')
    .slice(0, 120);
  return `${rule} ${kind}${text.startsWith('\uFEFF') ? ' [BOM]' : ''}${text.includes('\r') ? ' [CR]' : ''}`;
}

export function runCampaign(opts: CampaignOptions = {}): CampaignResult {
  const root = repoRoot();
  const log = opts.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const out = opts.out ?? path.join(root, 'test', 'fuzz', 'regressions');
  const deadline = Date.now() + (opts.seconds ?? 600) * 1000;
  const maxRuns = opts.runs ?? Infinity;
  const batch = opts.batch ?? 200;
  let seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const props = properties(root);
  const strict = opts.strict === true;
  const result: CampaignResult = { cases: 0, seconds: 0, slowest: { ms: 0, length: 0, property: '' }, largest: 0, failures: [] };
  const seen = new Set<string>();
  const started = Date.now();
  log(`fuzz campaign: first seed ${seed}, up to ${maxRuns === Infinity ? '∞' : maxRuns} cases or ${opts.seconds ?? 600} s`);
  for (let round = 0; Date.now() < deadline && result.cases < maxRuns; round++) {
    const prop = props[round % props.length]!;
    const runs = Math.min(batch, maxRuns - result.cases);
    const batchSeed = seed++;
    const details = fc.check(
      fc.property(prop.arb, ({ text, options }) => {
        const stats: CheckStats = { ms: 0, findings: 0 };
        const problems = strict ? checkInvariants(text, options, stats) : partitionKnown(checkInvariants(text, options, stats), text).rest;
        if (stats.ms > result.slowest.ms) result.slowest = { ms: stats.ms, length: text.length, property: prop.name };
        result.largest = Math.max(result.largest, text.length);
        // Known failure kinds are not shrunk again: the campaign goes on looking for new ones.
        return problems.length === 0 || seen.has(signature(problems, text));
      }),
      { numRuns: runs, seed: batchSeed, interruptAfterTimeLimit: Math.max(1000, deadline - Date.now()), markInterruptAsFailure: false },
    );
    result.cases += details.numRuns;
    if (details.failed && details.counterexample) {
      const [c] = details.counterexample;
      const all = checkInvariants(c.text, c.options);
      const problems = strict ? all : partitionKnown(all, c.text).rest;
      const sig = signature(problems, c.text);
      if (problems.length && !seen.has(sig)) {
        seen.add(sig);
        const failure: CampaignResult['failures'][number] = { signature: sig, property: prop.name, seed: batchSeed, problems, text: c.text };
        if (opts.save !== false) {
          failure.file = saveRegression(out, {
            title: problems[0]!.slice(0, 200),
            text: c.text,
            options: c.options,
            pending: true,
            found: { property: prop.name, seed: batchSeed, ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}), problems, date: new Date().toISOString() },
          });
        }
        result.failures.push(failure);
        log(`  NEW FAILURE (${prop.name}, seed ${batchSeed}): ${problems[0]}${failure.file ? `\n    saved ${path.relative(root, failure.file)}` : ''}`);
      }
    }
    if (round % props.length === props.length - 1) log(`  ${result.cases} cases, ${((Date.now() - started) / 1000).toFixed(0)} s, slowest ${result.slowest.ms.toFixed(0)} ms, ${result.failures.length} distinct failures`);
  }
  result.seconds = (Date.now() - started) / 1000;
  log(`fuzz campaign: ${result.cases} cases in ${result.seconds.toFixed(0)} s; slowest single check ${result.slowest.ms.toFixed(1)} ms (${result.slowest.length} characters, ${result.slowest.property}); largest document ${result.largest} characters; ${result.failures.length} distinct failures`);
  return result;
}
