// One fixture per rule (test/fixtures/rules/TRxxx*.trial.md), with failing and passing cases
// marked inline. Like test/core/fixtures.test.ts, every file's findings of every rule and
// severity must equal its inline expectations exactly, so a case that isolates its rule badly
// fails as surely as a miss.
//
// Markers, in the body as HTML comments or in the YAML as `#` comments:
// - `<!-- expect TR104 -->` / `# expect TR104`: a finding of TR104 on this line; several ids
//   mark several findings. An id may carry its severity, `TR104:warning`, which is then checked
//   as well (truncation, another stated denominator and one-sided tests are warnings).
// - `<!-- passes -->` / `# passes` (optionally followed by `:` and a reason): a passing case; the
//   line must carry no expectation, so the exact comparison proves it raises nothing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_INFO } from '../../src/core/index.js';
import { checkDocument } from '../without-tr303.js';
import type { CheckOptions, Finding } from '../../src/core/index.js';
import { actual, expectations, fixturesDir } from '../helpers.js';

const dir = path.join(fixturesDir(), 'rules');

const SEVERITY = /\b(TR\d{3}):(error|warning|info)\b/g;
const PASSES = /(?:<!--|#)\s*passes\b/;

/** The text with `TR104:warning` written as `TR104`, for the shared `expectations` helper. */
const withoutSeverities = (text: string): string => text.replace(SEVERITY, '$1');

/** "line:ruleId:severity" for every expectation that names its severity. */
function severityExpectations(text: string): string[] {
  const out: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (!/(?:<!--|#)\s*expect\b/.test(line)) return;
    for (const m of line.matchAll(SEVERITY)) out.push(`${i + 1}:${m[1]}:${m[2]}`);
  });
  return out.sort();
}

/** 1-based lines holding a `passes` marker. */
function passingLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (PASSES.test(line)) out.push(i + 1);
  });
  return out;
}

/** `$schema` is read relative to the fixture folder, as the CLI reads it relative to the file. */
const loadSchema: NonNullable<CheckOptions['loadSchema']> = (ref) => {
  try {
    const schema: unknown = JSON.parse(fs.readFileSync(path.resolve(dir, ref), 'utf8'));
    return typeof schema === 'object' && schema !== null ? { schema } : { error: `The schema ${ref} is not a JSON object.` };
  } catch (e) {
    return { error: `Cannot read the schema ${ref}: ${(e as Error).message}` };
  }
};

function show(findings: Finding[]): string {
  return findings.map((f) => `  ${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`).join('\n') || '  (no findings)';
}

const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^TR\d{3}\b.*\.trial\.md$/.test(f)).sort() : [];
const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

describe('rule fixtures (test/fixtures/rules)', () => {
  for (const name of files) {
    describe(name, () => {
      const text = read(name);
      // TR199 is opt-in: its own fixture turns it on, every other fixture runs with the defaults.
      const findings = (): Finding[] => checkDocument(text, { fileName: path.join(dir, name), loadSchema, reportUnlinked: name.startsWith('TR199') }).findings;

      it('raises exactly the findings marked inline', () => {
        const got = findings();
        assert.deepEqual(actual(got), expectations(withoutSeverities(text)), `findings differ from the inline expectations:\n${show(got)}`);
      });

      it('raises each finding at the severity marked inline', () => {
        const got = findings().map((f) => `${f.range.start.line}:${f.ruleId}:${f.severity}`);
        const missing = severityExpectations(text).filter((s) => !got.includes(s));
        assert.deepEqual(missing, [], `severities differ:\n${show(findings())}`);
      });

      it('marks no line both passing and failing (except table rows, whose cells are separate cases)', () => {
        const failing = new Set(expectations(withoutSeverities(text)).map((e) => Number(e.split(':')[0])));
        const lines = text.split(/\r\n|\r|\n/);
        assert.deepEqual(passingLines(text).filter((l) => failing.has(l) && !lines[l - 1]!.trimStart().startsWith('|')), []);
      });
    });
  }

  describe('coverage', () => {
    const ids = RULE_INFO.map((r) => r.id);
    const ofRule = (id: string): string[] => files.filter((f) => f.startsWith(id));
    const tr1 = ids.filter((id) => id.startsWith('TR1'));

    it('has a fixture for every TR1xx rule', () => {
      assert.deepEqual(tr1.filter((id) => ofRule(id).length === 0), [], 'TR1xx rules without test/fixtures/rules/TRxxx.trial.md');
    });

    for (const id of ids) {
      const own = ofRule(id);
      if (own.length === 0) continue;
      it(`${id}: its fixtures hold a failing case of ${id} and a passing case`, () => {
        const texts = own.map(read);
        assert.ok(texts.some((t) => expectations(withoutSeverities(t)).some((e) => e.endsWith(`:${id}`))), `no "expect ${id}" in ${own.join(', ')}`);
        assert.ok(texts.some((t) => passingLines(t).length > 0), `no "passes" marker in ${own.join(', ')}`);
      });
    }

    it('has no fixture for an unknown rule id', () => {
      assert.deepEqual(files.filter((f) => !ids.includes(f.slice(0, 5))), []);
    });
  });
});
