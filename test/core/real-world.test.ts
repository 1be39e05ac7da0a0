// Real published trial summaries that nobody here wrote (test/real-world, sources in SOURCES.md).
// Faulty reports carry inline expectations (`<!-- expect TRxxx -->`, `# expect TRxxx`) on the line
// of each documented inconsistency; consistent reports carry none.
//
// recall       = documented inconsistencies found / documented
// false alarms = error/warning findings on lines without an expectation
//
// Where the checker is wrong on these documents, the documents are NOT adjusted: the defect is
// listed in KNOWN_GAPS below, and the test asserts that it still happens, so that fixing the
// checker makes this test fail and ask for the entry to be removed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../src/core/index.js';
import { expectations, repoRoot } from '../helpers.js';


const dir = path.join(repoRoot(), 'test', 'real-world');

type Kind = 'miss' | 'false-alarm' | 'extra';

interface Gap {
  file: string;
  line: number;
  rule: string;
  kind: Kind;
  /** How many findings (false-alarm/extra) or expectations (miss) the gap covers. */
  count: number;
  why: string;
}

/**
 * Known checker defects on these real documents. Each entry is asserted to still occur; when the
 * checker is fixed, delete the entry (and the test will tell you which one).
 */
const KNOWN_GAPS: Gap[] = [
  // Empty since the checker learnt: "(A% vs. B%)" pairs after "X than Y", "N patients allocated
  // to <arm>", "against" and ": " as clause boundaries, "involved N babies", `n: null` for an
  // unknown denominator, and one TR105 per stated comparison.
];


function countBy(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

interface Outcome {
  file: string;
  faulty: boolean;
  documented: number;
  found: number;
  /** "file:line:rule:kind" -> count */
  deviations: Map<string, number>;
  falseAlarms: number;
  messages: string;
}

function evaluate(file: string): Outcome {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, 'utf8');
  const { findings } = checkDocument(text, { fileName: full });
  const want = countBy(expectations(text));
  const expectedLines = new Set([...want.keys()].map((k) => Number(k.split(':')[0])));
  const loud = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const got = countBy(loud.map((f) => `${f.range.start.line}:${f.ruleId}`));

  const deviations = new Map<string, number>();
  const add = (key: string, n: number): void => {
    if (n > 0) deviations.set(key, (deviations.get(key) ?? 0) + n);
  };
  let documented = 0;
  let found = 0;
  for (const [key, n] of want) {
    const have = got.get(key) ?? 0;
    documented += n;
    found += Math.min(n, have);
    add(`${file}:${key}:miss`, n - have);
    add(`${file}:${key}:extra`, have - n);
  }
  let falseAlarms = 0;
  for (const [key, n] of got) {
    if (want.has(key)) continue;
    const line = Number(key.split(':')[0]);
    if (expectedLines.has(line)) add(`${file}:${key}:extra`, n);
    else {
      falseAlarms += n;
      add(`${file}:${key}:false-alarm`, n);
    }
  }
  return {
    file,
    faulty: want.size > 0,
    documented,
    found,
    deviations,
    falseAlarms,
    messages: findings.map((f) => `  ${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`).join('\n'),
  };
}

const gapKey = (g: Gap): string => `${g.file}:${g.line}:${g.rule}:${g.kind}`;

describe('real-world trial summaries (test/real-world)', () => {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.trial.md')).sort() : [];
  const outcomes = files.map(evaluate);
  const known = new Map(KNOWN_GAPS.map((g) => [gapKey(g), g]));

  it('has at least 12 reports, 8 consistent and 3 with documented inconsistencies, each naming its source', () => {
    assert.ok(files.length >= 12, `only ${files.length} reports`);
    assert.ok(outcomes.filter((o) => !o.faulty).length >= 8, 'fewer than 8 consistent reports');
    assert.ok(outcomes.filter((o) => o.faulty).length >= 3, 'fewer than 3 faulty reports');
    const sources = fs.readFileSync(path.join(dir, 'SOURCES.md'), 'utf8');
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.match(text, /^---[\s\S]*?\n---\r?\n<!-- source: \S+/, `${f}: no <!-- source: URL --> after the front matter`);
      assert.ok(sources.includes(f), `${f} is not listed in SOURCES.md`);
    }
  });

  for (const o of outcomes) {
    it(`${o.file}: ${o.faulty ? 'finds the documented inconsistencies' : 'raises no alarm'} (apart from KNOWN_GAPS)`, () => {
      const unexpected = [...o.deviations].filter(([k, n]) => known.get(k)?.count !== n);
      assert.deepEqual(unexpected, [], `deviations not listed (or listed with another count) in KNOWN_GAPS:\n${o.messages}`);
    });
  }

  it('every KNOWN_GAPS entry still happens (remove it once the checker is fixed)', () => {
    const all = new Map<string, number>();
    for (const o of outcomes) for (const [k, n] of o.deviations) all.set(k, n);
    const fixed = KNOWN_GAPS.filter((g) => all.get(gapKey(g)) !== g.count).map(gapKey);
    assert.deepEqual(fixed, [], 'these known gaps no longer occur as listed: update KNOWN_GAPS');
  });

  it('reports recall and false alarms', () => {
    const faulty = outcomes.filter((o) => o.faulty);
    const consistent = outcomes.filter((o) => !o.faulty);
    const documented = faulty.reduce((s, o) => s + o.documented, 0);
    const found = faulty.reduce((s, o) => s + o.found, 0);
    const faConsistent = consistent.reduce((s, o) => s + o.falseAlarms, 0);
    const faFaulty = faulty.reduce((s, o) => s + o.falseAlarms, 0);
    const dirty = consistent.filter((o) => o.falseAlarms > 0).length;
    console.log(
      `      real-world: recall ${found}/${documented} on ${faulty.length} faulty reports; ` +
        `false alarms ${faConsistent} on ${consistent.length} consistent reports (${dirty} affected), ` +
        `${faFaulty} on the faulty ones; ${KNOWN_GAPS.length} known gaps`,
    );
    assert.ok(documented > 0);
    const expectedMisses = KNOWN_GAPS.filter((g) => g.kind === 'miss').reduce((s, g) => s + g.count, 0);
    const expectedAlarms = KNOWN_GAPS.filter((g) => g.kind === 'false-alarm').reduce((s, g) => s + g.count, 0);
    assert.equal(documented - found, expectedMisses, 'misses beyond KNOWN_GAPS');
    assert.equal(faConsistent + faFaulty, expectedAlarms, 'false alarms beyond KNOWN_GAPS');
  });
});
