// checkDocument on odd input: it never throws on content, and says clearly what is wrong.
import { strict as assert } from 'node:assert';
import { RULE_INFO } from '../../src/core/index.js';
import { checkDocument } from '../without-tr303.js';

const SECTIONS = '\n# T\n\n## Background\n\nx\n\n## Methods\n\nx\n\n## Results\n\nx\n\n## Safety\n\nx\n\n## Conclusions\n\nx\n';
const MINIMAL = `---\ntrial:\n  title: T\n  randomized: 10\narms:\n  - id: a\n    label: A\n    randomized: 10\n---\n${SECTIONS}`;

describe('checkDocument', () => {
  it('a minimal consistent summary has no findings', () => {
    assert.deepEqual(checkDocument(MINIMAL, { fileName: 'x.trial.md' }).findings, []);
  });

  it('a *.trial.md without front matter gets one TR201 at 1:1', () => {
    const { findings } = checkDocument(SECTIONS, { fileName: 'x.trial.md' });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column]), [['TR201', 1, 1]]);
    assert.match(findings[0]!.message, /no front matter/);
  });

  it('empty front matter is one TR201 on the fence', () => {
    const { findings } = checkDocument(`---\n---\n${SECTIONS}`, { fileName: 'x.trial.md' });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line]), [['TR201', 1]]);
    assert.match(findings[0]!.message, /front matter is empty/);
  });

  it('front matter that is a list or a string is a schema finding, not a crash', () => {
    for (const fm of ['- a\n- b', '"just text"', '42']) {
      const { findings } = checkDocument(`---\n${fm}\n---\n${SECTIONS}`, { fileName: 'x.trial.md' });
      assert.ok(findings.length >= 1 && findings.every((f) => f.ruleId === 'TR201'), fm);
    }
  });

  it('a document with no trial mapping and no .trial.md name is not checked', () => {
    const r = checkDocument('# Notes\n\n60% of 38. p = 0.000\n', { fileName: 'README.md' });
    assert.deepEqual(r.findings, []);
    assert.equal(r.model.isTrialSummary, false);
  });

  it('binary-looking text, control characters and a BOM do not throw', () => {
    const junk = '\u0000\u0001\u0002PNG\r\n\u001a\n' + '\uFFFD'.repeat(50);
    assert.doesNotThrow(() => checkDocument(junk, { fileName: 'x.trial.md' }));
    const bom = '\uFEFF' + MINIMAL;
    assert.doesNotThrow(() => checkDocument(bom, { fileName: 'x.trial.md' }));
  });

  it('CRLF line endings give the same findings as LF', () => {
    const lf = MINIMAL.replace('randomized: 10\narms', 'randomized: 11\narms');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = checkDocument(lf, { fileName: 'x.trial.md' }).findings;
    const b = checkDocument(crlf, { fileName: 'x.trial.md' }).findings;
    assert.deepEqual(b.map((f) => [f.ruleId, f.range]), a.map((f) => [f.ruleId, f.range]));
    assert.equal(a[0]?.ruleId, 'TR101');
  });

  it('YAML aliases are bounded (billion laughs)', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const { findings } = checkDocument(`---\ntrial:\n  title: x\n${bomb.join('\n')}\n---\n`, { fileName: 'x.trial.md' });
    assert.ok(findings.some((f) => f.ruleId === 'TR202' && /alias/i.test(f.message)));
  });

  it('a custom schema that is not a valid schema is one TR203 and validation is skipped', () => {
    const { findings } = checkDocument(MINIMAL, { fileName: 'x.trial.md', schema: { type: 'banana' } });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['TR203', 'error', 1]]);
    assert.match(findings[0]!.message, /not a valid JSON Schema/);
  });

  it('a custom schema with a remote $ref is refused, not fetched', () => {
    const { findings } = checkDocument(MINIMAL, { fileName: 'x.trial.md', schema: { $ref: 'https://example.invalid/schema.json' } });
    assert.equal(findings[0]?.ruleId, 'TR203');
  });

  it('loadSchema errors are reported on the $schema value; info keeps the bundled schema', () => {
    const text = MINIMAL.replace('---\n', '---\n$schema: ./house.json\n').replace('randomized: 10\narms', 'randomized: 10\n  colour: red\narms');
    const err = checkDocument(text, { fileName: 'x.trial.md', loadSchema: () => ({ error: 'Cannot read the schema ./house.json.' }) }).findings;
    assert.deepEqual(err.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.column]), [['TR203', 'error', 2, 10]]);
    const info = checkDocument(text, { fileName: 'x.trial.md', loadSchema: () => ({ error: 'The custom schema takes effect once the folder is trusted.', severity: 'info' }) }).findings;
    assert.deepEqual(info.map((f) => [f.ruleId, f.severity]), [['TR203', 'info'], ['TR201', 'error']]);
  });

  it('a custom schema can require other sections', () => {
    const schema = { type: 'object', 'x-trial-report': { requiredSections: [['Funding']] } };
    const { findings } = checkDocument(MINIMAL, { fileName: 'x.trial.md', schema });
    assert.deepEqual(findings.map((f) => f.ruleId), ['TR301']);
    assert.match(findings[0]!.message, /"Funding"/);
  });

  it('rule settings change severity or turn a rule off', () => {
    const text = MINIMAL.replace('randomized: 10\narms', 'randomized: 11\narms');
    assert.equal(checkDocument(text, { fileName: 'x.trial.md', rules: { TR101: 'warning' } }).findings[0]?.severity, 'warning');
    assert.deepEqual(checkDocument(text, { fileName: 'x.trial.md', rules: { TR101: 'off' } }).findings, []);
  });

  it('every rule id has a doc page name and a default severity', () => {
    for (const r of RULE_INFO) {
      assert.match(r.id, /^TR\d{3}$/);
      assert.match(r.alias, /^[a-z]+(-[a-z]+)*$/);
    }
  });

  it('the schema error for phase names the allowed values in words', () => {
    const text = MINIMAL.replace('title: T', 'title: T\n  phase: "5"');
    const [f] = checkDocument(text, { fileName: 'x.trial.md' }).findings;
    assert.equal(f?.message, '`phase` must be one of 1, 1/2, 2, 2a, 2b, 2/3, 3, 4.');
    assert.deepEqual(f?.range, { start: { line: 4, column: 10 }, end: { line: 4, column: 13 } });
  });
});

describe('TR199 unlinked-number', () => {
  const text = `---\ntrial:\n  title: T\n  randomized: 20\narms:\n  - id: a\n    label: Alpha\n    randomized: 10\n  - id: b\n    label: Beta\n    randomized: 10\nendpoints:\n  - id: r\n    label: Response\n    type: binary\n    results:\n      a: { events: 5, n: 10 }\n      b: { events: 2, n: 10 }\n---\n${SECTIONS.replace('## Results\n\nx', '## Results\n\nResponse was 50% with alpha. Overall, 35% of patients responded.')}`;
  it('is silent unless asked', () => {
    assert.deepEqual(checkDocument(text, { fileName: 'x.trial.md' }).findings, []);
  });
  it('reports each share it could not link, as info, when asked', () => {
    const f = checkDocument(text, { fileName: 'x.trial.md', reportUnlinked: true }).findings;
    assert.deepEqual(f.map((x) => [x.ruleId, x.severity, x.message.slice(0, 30)]), [['TR199', 'info', '35% is not linked to an arm or']]);
  });
});

describe('expected values replace the finding\'s range', () => {
  const doc = (share: string) => `---
trial:
  title: T
  phase: 3
  design: [randomized]
  population: Adults
  randomized: 76
arms:
  - id: placebo
    label: Placebo
    randomized: 38
  - id: drug
    label: Drug
    randomized: 38
endpoints:
  - id: response
    label: Response
    primary: true
    type: binary
    results:
      placebo: { events: 9, n: 38 }
      drug: { events: 23, n: 38 }
---

# T

## Background

B.

## Methods

M.

## Results

Response was reached by 9 of 38 patients (${share}) on placebo.

## Safety

None.

## Conclusions

C.
`;
  const tr103 = (text: string) => {
    const f = checkDocument(text, { fileName: 't.trial.md' }).findings.find((x) => x.ruleId === 'TR103');
    assert.ok(f, 'TR103 is raised');
    const lines = text.split('\n');
    const line = lines[f.range.start.line - 1]!;
    return { covered: line.slice(f.range.start.column - 1, f.range.end.column - 1), expected: f.expected };
  };

  it('takes a % written right after the number into the range', () => {
    assert.deepEqual(tr103(doc('26.3%')), { covered: '26.3%', expected: ['23.7%'] });
  });

  it('drops the sign from the values where the unit stands apart or is spelt out', () => {
    assert.deepEqual(tr103(doc('26.3 %')), { covered: '26.3', expected: ['23.7'] });
    assert.deepEqual(tr103(doc('26.3 per cent')), { covered: '26.3', expected: ['23.7'] });
  });
});
