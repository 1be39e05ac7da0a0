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
const kneeFile = path.join(repoRoot(), 'examples', 'knee-exercise-continuous.trial.md');
const knee = fs.readFileSync(kneeFile, 'utf8');
type Schema = Record<string, unknown> & { description?: string; properties?: Record<string, Schema>; $defs?: Record<string, Schema> };
const defs = (BUNDLED_SCHEMA as Schema).$defs!;
/** The bundled schema's description of a key: what a hover on that key must show. */
const described = (def: string, ...keys: string[]): string => {
  let s: Schema = defs[def]!;
  for (const k of keys) s = s.properties![k]!;
  assert.ok(s.description, `${def}.${keys.join('.')} has a description`);
  return s.description;
};

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

describe('extension/assist: format 1.1 hovers', () => {
  const a = analyzeDocument(knee, { fileName: kneeFile });
  const input = { model: a.model, findings: a.findings, schema: BUNDLED_SCHEMA };
  const hover = (needle: string, delta: number): string => {
    const h = hoverAt(input, at(knee, needle, delta));
    assert.ok(h, `a hover at ${needle}`);
    return h.markdown;
  };

  it('every new key is explained for writers: what it means, its unit, how the checks use it', () => {
    assert.equal(hover('assessed: 418', 2), `**trial.assessed** · integer\n\n${described('trial', 'assessed')}`);
    assert.match(hover('assessed: 418', 2), /CONSORT flow diagram, a count of people\. TR115 checks that `assessed − excluded = randomized`/);
    assert.equal(hover('excluded: 226', 2), `**trial.excluded** · integer\n\n${described('trial', 'excluded')}`);
    assert.equal(hover('exclusion_reasons:', 2), `**trial.exclusion_reasons** · object\n\n${described('trial', 'exclusion_reasons')}`);
    for (const key of ['received', 'discontinued', 'lost', 'completed']) {
      assert.equal(hover(`    ${key}: `, 5), `**arms.${key}** · integer\n\n${described('arm', key)}`);
    }
    assert.equal(hover('scale: { min: 0, max: 20', 2), `**endpoints.scale** · object\n\n${described('endpoint', 'scale')}`);
    const step = hover('step: 1 }', 1);
    assert.equal(step, `**endpoints.scale.step** · number\n\n${described('endpoint', 'scale', 'step')}`);
    assert.match(step, /smallest difference between two participants' values.*1 for whole-number scores.*a mean of items moves in steps of step\/items\. Used by TR116 to test whether a mean is possible/);
    assert.equal(hover('max: 20', 1), `**endpoints.scale.max** · number\n\n${described('endpoint', 'scale', 'max')}`);
    assert.equal(hover('median_ci: [17', 2), `**endpoints.results.exercise.median_ci** · array\n\n${described('timeToEventResult', 'median_ci')}\n\nResult of arm Supervised exercise (\`exercise\`).`);
    assert.equal(hover('range: [0, 71]', 1), `**endpoints.results.exercise.range** · array\n\n${described('continuousResult', 'range')}\n\nResult of arm Supervised exercise (\`exercise\`).`);
    assert.equal(hover('person_years: 21.6', 2), `**endpoints.results.exercise.person_years** · number\n\n${described('binaryResult', 'person_years')}\n\nResult of arm Supervised exercise (\`exercise\`).`);
  });

  it('a key is described by the branch its endpoint type selects: `n` of a continuous result, of a binary one', () => {
    assert.match(hover('n: 93 }', 0), new RegExp(`^\\*\\*endpoints\\.results\\.exercise\\.n\\*\\* · integer\\n\\n${described('continuousResult', 'n').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const b = analyzeDocument(vitd, { fileName: 'v.trial.md' });
    const h = hoverAt({ model: b.model, findings: b.findings, schema: BUNDLED_SCHEMA }, at(vitd, 'events: 47, n: 118', 12));
    assert.match(h!.markdown, /^\*\*endpoints\.results\.vitd\.n\*\* · integer \| null\n\nDenominator; defaults to the arm's analysed number/);
  });

  it('an SD shows the SE it implies, an SE the SD; a mean its granularity on the scale', () => {
    assert.equal(hover('sd: 6.1, n: 14', 5), '**Pain catastrophizing score in the imaging substudy**, Supervised exercise (`exercise`)\n\nSE = sd/√n = 6.1/√14 = 1.63');
    // 18.25 for 14 whole-number scores is TR116's finding: the hover gives the arithmetic and the finding.
    assert.equal(
      hover('mean: 18.25', 7),
      '**Pain catastrophizing score in the imaging substudy**, Supervised exercise (`exercise`)\n\nGranularity: a mean of 14 values in steps of 1 moves in steps of 1/14 = 0.0714  \nNearest possible means: 18.21, 18.29\n\n' +
        '**TR116** (error): Pain catastrophizing score in the imaging substudy, Supervised exercise: no 14 participants with scores in whole numbers have a mean of 18.25; the nearest possible means are 18.21 and 18.29.  \nConsistent values: `18.21`, `18.29`',
    );
    // 93 participants: steps of 0.0108, still coarser than the written 0.01, and 6.30 is possible.
    assert.match(hover('mean: 6.30', 7), /moves in steps of 1\/93 = 0\.0108  \n6\.30 is possible: some total of 93 values has a mean that rounds to it\.$/);
    const se = knee.replace('usual: { mean: 21.83, sd: 7.4, n: 12 }', 'usual: { mean: 21.75, se: 2.14, n: 12 }');
    const b = analyzeDocument(se, { fileName: kneeFile });
    const on = (needle: string, d: number): string => hoverAt({ model: b.model, findings: b.findings, schema: BUNDLED_SCHEMA }, at(se, needle, d))!.markdown;
    assert.match(on('se: 2.14', 5), /\n\nSD = se·√n = 2\.14·√12 = 7\.413$/);
    assert.match(on('mean: 21.75', 7), /\n\nGranularity: a mean of 12 values in steps of 1 moves in steps of 1\/12 = 0\.0833  \n21\.75 is possible: some total of 12 values has a mean that rounds to it\.$/);
  });

  it('a mean of many participants, or of several items, says what its granularity allows', () => {
    const text = knee
      .replace('scale: { min: 0, max: 52, step: 1 }', 'scale: { min: 1, max: 5, step: 1, items: 10 }')
      .replace('exercise: { mean: 18.25, sd: 6.1, n: 14 }', 'exercise: { mean: 3.25, sd: 0.6, n: 14 }')
      .replace('exercise: { mean: 6.30, sd: 3.9, n: 93 }', 'exercise: { mean: 6.3, sd: 3.9, n: 93 }');
    const b = analyzeDocument(text, { fileName: kneeFile });
    const on = (needle: string, d: number): string => hoverAt({ model: b.model, findings: b.findings, schema: BUNDLED_SCHEMA }, at(text, needle, d))!.markdown;
    assert.match(on('mean: 3.25', 7), /\n\nGranularity: a mean of 14 values in steps of 1\/10 moves in steps of 1\/\(14·10\) = 0\.0071  \nThat is no coarser than the written precision \(0\.01\), so any mean written with 2 decimals is possible\.$/);
    assert.match(on('mean: 6.3,', 7), /steps of 1\/93 = 0\.0108  \nThat is no coarser than the written precision \(0\.1\), so any mean written with 1 decimal is possible\.$/);
  });

  it('a mean without its own n, or a model estimate, says why it is not tested', () => {
    const text = knee
      .replace('exercise: { mean: 18.25, sd: 6.1, n: 14 }', 'exercise: { mean: 18.25, sd: 6.1 }')
      .replace('usual: { mean: 21.83, sd: 7.4, n: 12 }', 'usual: { mean: 21.83, sd: 7.4, n: 12, estimate: adjusted }');
    const b = analyzeDocument(text, { fileName: kneeFile });
    const on = (needle: string, d: number): string => hoverAt({ model: b.model, findings: b.findings, schema: BUNDLED_SCHEMA }, at(text, needle, d))!.markdown;
    assert.match(on('mean: 18.25', 7), /\n\nGive the result's own `n` to test whether this mean is possible \(TR116\)\.$/);
    assert.match(on('mean: 21.83', 7), /\n\nMarked `estimate: adjusted`: a model's estimate need not be a mean of scores, so its granularity is not tested\.$/);
    // No SE without the result's own n either (TR118 reads that n).
    assert.doesNotMatch(on('sd: 6.1 }', 5), /SE =/);
  });

  it('a rate shows events / person-years × rate_per; a binary or time-to-event count keeps its share', () => {
    const rate = hover('rate: 32.4', 7);
    assert.equal(rate, '**Falls**, Supervised exercise (`exercise`)\n\n`7/93 = 7.53%`  \nWilson 95% CI 3.7% to 14.7%\n\n7 events / 21.6 person-years × 100 = 32.41 per 100 person-years');
    assert.match(hover('events: 88, n: 93', 8), /\n\n`88\/93 = 94\.62%`  \nWilson 95% CI/);
  });
});

describe('extension/assist: format 1.1 completion', () => {
  /** Completion labels after replacing `from` with `to` in the knee example, at the end of the first line holding `cursor`. */
  function offered(from: string, to: string, cursor: string): string[] {
    assert.ok(knee.includes(from), from);
    const text = knee.replace(from, to);
    const model = analyzeDocument(text, { fileName: kneeFile }).model;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l === cursor);
    assert.ok(line >= 0, `a line "${cursor}"`);
    return (completionsAt(text, { line: line + 1, column: cursor.length + 1 }, BUNDLED_SCHEMA, model) ?? []).map((e) => e.label).sort();
  }

  it('offers the flow keys at trial level and in an arm', () => {
    const trial = offered('  assessed: 418\n  excluded: 226\n', '  \n', '  ');
    for (const k of ['assessed', 'excluded']) assert.ok(trial.includes(k), trial.join(','));
    assert.ok(!trial.includes('exclusion_reasons'), 'already written');
    assert.deepEqual(offered('    received: 94\n    discontinued: 5\n    lost: 3\n    completed: 88\n', '    \n', '    '), ['completed', 'discontinued', 'lost', 'received']);
  });

  it('offers scale and change on an endpoint, the scale keys inside a block scale', () => {
    const ep = offered('    scale: { min: 0, max: 20, step: 1 }\n', '    \n', '    ');
    assert.ok(ep.includes('scale') && ep.includes('change'), ep.join(','));
    assert.deepEqual(offered('    scale: { min: 0, max: 20, step: 1 }\n', '    scale:\n      min: 0\n      \n', '      '), ['items', 'max', 'step']);
  });

  it('offers the result keys of the endpoint type: continuous, time-to-event, binary', () => {
    const continuous = offered('      exercise: { mean: 6.30, sd: 3.9, n: 93 }\n', '      exercise:\n        mean: 6.30\n        \n', '        ');
    assert.deepEqual(continuous, ['estimate', 'iqr', 'median', 'median_ci', 'n', 'range', 'sd', 'se']);
    const tte = offered('      exercise: { events: 88, n: 93, median: 21, median_ci: [17, 26] }\n', '      exercise:\n        events: 88\n        \n', '        ');
    assert.deepEqual(tte, ['estimate', 'median', 'median_ci', 'n', 'percent', 'person_years', 'rate', 'rate_per']);
    const binary = offered('      exercise: { events: 9, n: 93 }\n', '      exercise:\n        events: 9\n        \n', '        ');
    assert.deepEqual(binary, ['estimate', 'n', 'percent', 'person_years', 'rate', 'rate_per']);
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
