// British and American spellings (docs/format.md, "Spelling"): `randomised` is read wherever
// `randomized` is, `analyzed` wherever `analysed` is; both in one mapping is an error on the second.
import { strict as assert } from 'node:assert';
import { analyzeDocument, checkDocument } from '../../src/core/index.js';
import { BUNDLED_SCHEMA } from '../../src/core/schema.js';
import { hoverAt } from '../../src/extension/assist.js';

const report = (trial: string, arms: string): string => `---
trial:
  title: Spelling
${trial}
arms:
${arms}
endpoints:
  - id: e
    label: Response
    type: binary
    aliases: [response]
    results:
      a: { events: 10, n: 38 }
      b: { events: 20, n: 39 }
---

## Background

Text.

## Methods

A total of 80 patients underwent randomisation: 40 were randomised to alpha and 40 to beta.

## Results

Response occurred in 10/38 (26.3%) of the alpha group and 20/39 (51.3%) of the beta group.

## Safety

None.

## Conclusions

Text.
`;

const british = report(
  '  design: [randomised, double-blind]\n  randomised: 80',
  '  - { id: a, label: Alpha, randomised: 40, analysed: 38, aliases: [alpha] }\n  - { id: b, label: Beta, randomised: 40, analysed: 39, aliases: [beta] }',
);
const american = report(
  '  design: [randomized, double-blind]\n  randomized: 80',
  '  - { id: a, label: Alpha, randomized: 40, analyzed: 38, aliases: [alpha] }\n  - { id: b, label: Beta, randomized: 40, analyzed: 39, aliases: [beta] }',
);

const loud = (text: string) => checkDocument(text, { fileName: 's.trial.md' }).findings.filter((f) => f.severity !== 'info' || f.ruleId === 'TR201');

describe('spelling: randomised / randomized, analysed / analyzed', () => {
  it('a report written with British spellings throughout checks cleanly, and reads the same numbers', () => {
    assert.deepEqual(loud(british), []);
    const { model } = analyzeDocument(british, { fileName: 's.trial.md' });
    assert.equal(model.trial.randomized?.value, 80);
    assert.deepEqual(model.arms.map((a) => [a.randomized?.value, a.analysed?.value]), [[40, 38], [40, 39]]);
    assert.deepEqual(model.trial.design.map((d) => d.value), ['randomized', 'double-blind']);
  });

  it('American spellings throughout too', () => {
    assert.deepEqual(loud(american), []);
    assert.equal(analyzeDocument(american, { fileName: 's.trial.md' }).model.arms[1]!.analysed?.value, 39);
  });

  it('ranges stay where the writer typed the key: a wrong arm size is flagged on `randomised`', () => {
    const text = british.replace('  - { id: b, label: Beta, randomised: 40,', '  - { id: b, label: Beta, randomised: 41,');
    const f = loud(text).find((x) => x.ruleId === 'TR101');
    assert.ok(f, 'TR101 expected');
    const lines = text.split('\n');
    assert.match(lines[f.range.start.line - 1]!, /^  randomised: 80$/);
    const beta = f.related?.find((r) => r.message.startsWith('Beta'));
    assert.ok(beta);
    assert.match(lines[beta.range.start.line - 1]!.slice(beta.range.start.column - 15, beta.range.end.column - 1), /randomised: 41$/);
  });

  it('both spellings of one key in one mapping: TR201 on the one written second, the first is used', () => {
    const text = british.replace('randomised: 40, analysed: 38,', 'randomised: 40, analyzed: 38, analysed: 37,');
    const f = loud(text);
    assert.deepEqual(f.map((x) => x.ruleId), ['TR201']);
    const lines = text.split('\n');
    const at = lines[f[0]!.range.start.line - 1]!.slice(f[0]!.range.start.column - 1, f[0]!.range.end.column - 1);
    assert.equal(at, 'analysed');
    assert.equal(analyzeDocument(text, { fileName: 's.trial.md' }).model.arms[0]!.analysed?.value, 38);
  });

  it('the hover on a `randomised:` key gives the schema description of `randomized`', () => {
    const text = report('  randomised: 80', '  - id: a\n    label: Alpha\n    randomised: 40\n  - id: b\n    label: Beta\n    randomised: 40');
    const a = analyzeDocument(text, { fileName: 's.trial.md' });
    const line = text.split('\n').findIndex((l) => l.includes('  randomised: 80')) + 1;
    const h = hoverAt({ model: a.model, findings: a.findings, schema: BUNDLED_SCHEMA }, { line, column: 4 });
    assert.ok(h);
    assert.match(h.markdown, /randomi/i);
    assert.match(h.markdown, /number randomi[sz]ed|randomi[sz]ed/i);
  });
});
