// Hovers and front-matter completion (src/extension/assist.ts) on real documents.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { BUNDLED_SCHEMA } from '../../src/core/schema.js';
import { completionsAt, hoverAt, schemasAt, splitYamlLine } from '../../src/extension/assist.js';
import { Lines } from '../../src/extension/fixes.js';
import { repoRoot } from '../helpers.js';

const seedFile = path.join(repoRoot(), 'examples', 'il2-lupus-news.trial.md');
const seed = fs.readFileSync(seedFile, 'utf8');
const vitd = fs.readFileSync(path.join(repoRoot(), 'examples', 'vitamin-d-care-homes.trial.md'), 'utf8');

function at(text: string, needle: string, delta = 0): { line: number; column: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  return new Lines(text).position(i + delta);
}

describe('extension/assist: hovers', () => {
  const a = analyzeDocument(seed, { fileName: seedFile });
  const input = { model: a.model, findings: a.findings, schema: BUNDLED_SCHEMA };

  it('a flagged share in prose: its link, the computation, the Wilson interval and the consistent values', () => {
    const h = hoverAt(input, at(seed, '60% of patients receiving', 1));
    assert.ok(h);
    assert.match(h.markdown, /Linked to arm IL-2 1\.0 MIU \(`il2-1\.0`\), endpoint SRI-4 response at week 24/);
    assert.match(h.markdown, /60% of 38 = 22\.80 patients/);
    assert.match(h.markdown, /`23\/38 = 60\.53%`/);
    assert.match(h.markdown, /Wilson 95% CI 44\.7% to 74\.4%/);
    assert.match(h.markdown, /Consistent values: `60\.5%`, `61%`/);
  });

  it('says how a number was linked: by a construction, or inferred by its clause', () => {
    const h = hoverAt(input, at(seed, '60% of patients receiving', 1));
    assert.match(h!.markdown, /\(linked by the group phrase\)/);
    const text = vitd.replace('Of 240 residents randomized, 120 were assigned to each group; 118 and 117 were analysed.', 'Acute respiratory infection occurred in 39.8% and 26.5% of residents on vitamin D3 and placebo, respectively. The placebo rate was 26.5%.');
    const b = analyzeDocument(text, { fileName: 'v.trial.md' });
    const inputB = { model: b.model, findings: b.findings, schema: BUNDLED_SCHEMA };
    assert.match(hoverAt(inputB, at(text, '39.8%', 1))!.markdown, /\(linked by the respectively list\)/);
    assert.match(hoverAt(inputB, at(text, 'rate was 26.5%', 10))!.markdown, /\(inferred from its clause: a disagreement is reported only if no other reading of the sentence agrees, and as a warning\)/);
  });

  it('a front-matter key shows the schema description', () => {
    const h = hoverAt(input, at(seed, 'registration:', 2));
    assert.ok(h);
    assert.match(h.markdown, /\*\*trial\.registration\*\*/);
    assert.match(h.markdown, /Registry id/);
  });

  it('a front-matter result value shows k/n with its Wilson interval', () => {
    const b = analyzeDocument(vitd, { fileName: 'v.trial.md' });
    const h = hoverAt({ model: b.model, findings: b.findings, schema: BUNDLED_SCHEMA }, at(vitd, 'events: 47', 8));
    assert.ok(h);
    assert.match(h.markdown, /`47\/118 = 39\.83%`/);
  });

  it('walks $refs, items and if/then/else', () => {
    assert.ok(schemasAt(BUNDLED_SCHEMA, ['endpoints', '0', 'results', 'placebo', 'events']).length > 0);
    assert.ok(schemasAt(BUNDLED_SCHEMA, ['arms', '3', 'label']).some((s) => s['type'] === 'string'));
  });
});

describe('extension/assist: completion', () => {
  const a = analyzeDocument(vitd, { fileName: 'v.trial.md' });
  const model = a.model;
  const complete = (text: string, line: number, column: number) => completionsAt(text, { line, column }, BUNDLED_SCHEMA, model)?.map((e) => e.label) ?? [];
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('splits YAML lines without regexes', () => {
    assert.deepEqual(splitYamlLine('  - id: a'), { indent: 2, dash: 2, key: 'id', rest: ' a' });
    assert.deepEqual(splitYamlLine('    label'), { indent: 4, dash: 0, rest: 'label' });
    assert.deepEqual(splitYamlLine('"a:b": 1'), { indent: 0, dash: 0, key: 'a:b', rest: ' 1' });
  });

  it('offers the keys valid at the cursor, leaving out those already written', () => {
    const text = vitd.replace('  duration: 12 months\n', '  duration: 12 months\n  \n');
    const line = lineOf(text, 'duration: 12 months') + 1;
    const labels = complete(text, line, 3);
    assert.ok(!labels.includes('title'), 'title is already written');
    assert.ok(!labels.includes('registration'));
    const b = analyzeDocument(text.replace('  registration: ISRCTN99999999\n', ''), { fileName: 'v.trial.md' });
    const t2 = text.replace('  registration: ISRCTN99999999\n', '');
    const l2 = completionsAt(t2, { line: lineOf(t2, 'duration: 12 months') + 1, column: 3 }, BUNDLED_SCHEMA, b.model)!.map((e) => e.label);
    assert.ok(l2.includes('registration'), l2.join(','));
  });

  it('offers enum values for a value', () => {
    const text = vitd.replace('  phase: "3"', '  phase: ');
    const labels = complete(text, lineOf(text, '  phase: '), 10);
    assert.ok(labels.includes('2b') && labels.includes('3'), labels.join(','));
  });

  it('offers design items inside a flow sequence, without those written', () => {
    const text = vitd.replace('  design: [randomized, double-blind, placebo-controlled, multicenter, parallel-group, superiority]', '  design: [randomized, ');
    const labels = complete(text, lineOf(text, '  design: ['), 24);
    assert.ok(labels.includes('open-label'));
    assert.ok(!labels.includes('randomized'));
  });

  it('offers arm ids for arm/versus and as results keys', () => {
    const text = vitd.replace('        versus: placebo\n        measure: risk difference', '        versus: \n        measure: risk difference');
    assert.deepEqual(complete(text, lineOf(text, '        versus: '), 17).sort(), ['placebo', 'vitd']);
    const t2 = vitd.replace('      placebo: { events: 31, n: 117, percent: 26.5 }\n', '      \n');
    const line = lineOf(t2, 'vitd: { events: 47') + 1;
    assert.deepEqual(completionsAt(t2, { line, column: 7 }, BUNDLED_SCHEMA, analyzeDocument(t2, { fileName: 'v.trial.md' }).model)?.map((e) => e.label), ['placebo']);
  });

  it('offers the keys of a new arm after "- "', () => {
    const text = vitd.replace('endpoints:\n', '  - \nendpoints:\n');
    const labels = complete(text, lineOf(text, 'endpoints:') - 1, 5);
    assert.ok(labels.includes('id') && labels.includes('label') && labels.includes('randomized'), labels.join(','));
  });

  it('says nothing outside the front matter', () => {
    assert.equal(completionsAt(vitd, { line: 70, column: 1 }, BUNDLED_SCHEMA, model), undefined);
  });
});
