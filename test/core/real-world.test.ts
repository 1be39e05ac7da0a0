// Real published trial reports that nobody here wrote (test/real-world, sources in SOURCES.md), in
// two batches: the tuning batch the linking was developed on, and the held-out batch collected
// afterwards (test/real-world/holdout), run once before any change for it.
//
// Two measures, both exact:
// - findings: faulty reports carry inline expectations (`<!-- expect TRxxx -->`, `# expect TRxxx`) on
//   the line of each inconsistency; consistent reports carry none. recall = expectations found;
//   false alarms = error/warning findings on lines without an expectation.
// - links: every number of every report is annotated in `<name>.numbers` (README.md there); link
//   precision and recall are computed from the checker's model against those annotations.
//
// Where the checker is wrong on these documents, the documents are NOT adjusted: the defect is
// listed in KNOWN_GAPS below, and the test asserts that it still happens, so that fixing the
// checker makes this test fail and ask for the entry to be removed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../src/core/index.js';
import { expectations, repoRoot } from '../helpers.js';
import { scoreReport } from '../real-world/annotations.js';

const root = path.join(repoRoot(), 'test', 'real-world');

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
  {
    file: 'woman-tranexamic-pph.trial.md',
    line: 40,
    rule: 'TR108',
    kind: 'miss',
    count: 1,
    why: 'RR 1.02 (0.88 to 1.07): probably a typo for 1.17, but read charitably over the rounding of its three numbers the interval is 2.4:1 lopsided on the log scale, under the 3:1 TR108 warns at',
  },
  { file: 'woman-tranexamic-pph.trial.md', line: 74, rule: 'TR108', kind: 'miss', count: 1, why: 'the same interval in the body' },
  // Issue 14: reports with continuous and time-to-event outcomes, as measured when they were added.
  {
    file: 'principle-budesonide-covid.trial.md',
    line: 58,
    rule: 'TR115',
    kind: 'miss',
    count: 1,
    why: 'the analysed counts 787 + 1069 + 974 = 2830 against the body\'s 2530: TR115 reads the front matter only, not flow sentences',
  },
];

/**
 * Floors for the link figures: the figures measured when the floors were last raised (printed by
 * this test and recorded in README.md, "Accuracy"). A change that links worse fails here.
 */
const FLOORS = {
  // Lowered for issue 14's nineteen reports with continuous and time-to-event outcomes (before them:
  // tuning 0.997 / 0.819, holdout 0.997 / 0.746; with them, before any change: tuning 0.983 /
  // 0.804, holdout 0.916 / 0.749). Measured after the fixes they prompted: tuning 0.992 / 0.804,
  // holdout 0.915 / 0.741.
  tuning: { precision: 0.99, recall: 0.80 },
  holdout: { precision: 0.91, recall: 0.74 },
};

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
  links: { linked: number; correct: number; linkable: number; found: number; problems: string[] };
}

function evaluate(dir: string, file: string): Outcome {
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
  const numbersFile = full.replace(/\.trial\.md$/, '.numbers');
  const score = fs.existsSync(numbersFile) ? scoreReport(text, fs.readFileSync(numbersFile, 'utf8'), full) : { problems: [`${numbersFile} is missing`], numbers: [] };
  return {
    file,
    faulty: want.size > 0,
    documented,
    found,
    deviations,
    falseAlarms,
    messages: findings.map((f) => `  ${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`).join('\n'),
    links: {
      linked: score.numbers.filter((n) => n.linked).length,
      correct: score.numbers.filter((n) => n.correct).length,
      linkable: score.numbers.filter((n) => n.linkable).length,
      found: score.numbers.filter((n) => n.found).length,
      problems: score.problems,
    },
  };
}

const gapKey = (g: Gap): string => `${g.file}:${g.line}:${g.rule}:${g.kind}`;

function batch(name: 'tuning' | 'holdout', dir: string, minimum: number): void {
  describe(`real-world trial summaries, ${name} batch (${path.relative(repoRoot(), dir)})`, () => {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.trial.md')).sort() : [];
    const outcomes = files.map((f) => evaluate(dir, f));
    const known = new Map(KNOWN_GAPS.map((g) => [gapKey(g), g]));

    it(`has at least ${minimum} reports, each naming its source and annotated number by number`, () => {
      assert.ok(files.length >= minimum, `only ${files.length} reports`);
      const sources = fs.readFileSync(path.join(dir, 'SOURCES.md'), 'utf8');
      for (const f of files) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        assert.match(text, /^---[\s\S]*?\n---\r?\n<!-- source: \S+/, `${f}: no <!-- source: URL --> after the front matter`);
        assert.ok(sources.includes(`\`${f}\``), `${f} is not listed in SOURCES.md`);
      }
      const problems = outcomes.flatMap((o) => o.links.problems.map((p) => `${o.file}: ${p}`));
      assert.deepEqual(problems, [], 'annotations that do not match their reports (node scripts/corpus.mjs validate)');
    });

    for (const o of outcomes) {
      it(`${o.file}: ${o.faulty ? 'finds the documented inconsistencies' : 'raises no alarm'} (apart from KNOWN_GAPS)`, () => {
        const unexpected = [...o.deviations].filter(([k, n]) => known.get(k)?.count !== n);
        assert.deepEqual(unexpected, [], `deviations not listed (or listed with another count) in KNOWN_GAPS:\n${o.messages}`);
      });
    }

    it('reports recall, false alarms and the link figures', () => {
      const faulty = outcomes.filter((o) => o.faulty);
      const consistent = outcomes.filter((o) => !o.faulty);
      const documented = faulty.reduce((s, o) => s + o.documented, 0);
      const found = faulty.reduce((s, o) => s + o.found, 0);
      const faConsistent = consistent.reduce((s, o) => s + o.falseAlarms, 0);
      const faFaulty = faulty.reduce((s, o) => s + o.falseAlarms, 0);
      const dirty = outcomes.filter((o) => o.falseAlarms > 0).length;
      const sum = (k: keyof Outcome['links']): number => outcomes.reduce((s, o) => s + (o.links[k] as number), 0);
      const precision = sum('correct') / Math.max(1, sum('linked'));
      const recall = sum('found') / Math.max(1, sum('linkable'));
      console.log(
        `      real-world (${name}): ${files.length} reports; recall ${found}/${documented} on ${faulty.length} faulty reports; ` +
          `false alarms ${faConsistent + faFaulty} in ${dirty} reports; link precision ${sum('correct')}/${sum('linked')} = ${precision.toFixed(3)}, ` +
          `link recall ${sum('found')}/${sum('linkable')} = ${recall.toFixed(3)}; ${KNOWN_GAPS.filter((g) => files.includes(g.file)).length} known gaps`,
      );
      const gaps = KNOWN_GAPS.filter((g) => files.includes(g.file));
      const expectedMisses = gaps.filter((g) => g.kind === 'miss').reduce((s, g) => s + g.count, 0);
      const expectedAlarms = gaps.filter((g) => g.kind === 'false-alarm').reduce((s, g) => s + g.count, 0);
      assert.equal(documented - found, expectedMisses, 'misses beyond KNOWN_GAPS');
      assert.equal(faConsistent + faFaulty, expectedAlarms, 'false alarms beyond KNOWN_GAPS');
      assert.ok(precision >= FLOORS[name].precision, `link precision ${precision.toFixed(3)} fell below ${FLOORS[name].precision}`);
      assert.ok(recall >= FLOORS[name].recall, `link recall ${recall.toFixed(3)} fell below ${FLOORS[name].recall}`);
    });
  });
}

batch('tuning', root, 40);
batch('holdout', path.join(root, 'holdout'), 20);

describe('real-world: three reports written by hand as a new user (test/real-world/new-user, NOTES.md)', () => {
  const dir = path.join(root, 'new-user');
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter((x) => x.endsWith('.trial.md')).sort() : []) {
    it(`${f}: no error or warning`, () => {
      const { findings } = checkDocument(fs.readFileSync(path.join(dir, f), 'utf8'), { fileName: f });
      const loud = findings.filter((x) => x.severity !== 'info');
      assert.deepEqual(loud.map((x) => `${x.range.start.line}:${x.ruleId} ${x.message}`), []);
    });
  }
});

describe('real-world KNOWN_GAPS', () => {
  it('every entry still happens (remove it once the checker is fixed)', () => {
    const all = new Map<string, number>();
    for (const dir of [root, path.join(root, 'holdout')]) {
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.trial.md'))) for (const [k, n] of evaluate(dir, f).deviations) all.set(k, n);
    }
    const fixed = KNOWN_GAPS.filter((g) => all.get(gapKey(g)) !== g.count).map(gapKey);
    assert.deepEqual(fixed, [], 'these known gaps no longer occur as listed: update KNOWN_GAPS');
  });
});
