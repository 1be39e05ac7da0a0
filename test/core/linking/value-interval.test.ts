// Intervals of a value (a share, a rate, a relative measure) are not comparisons' intervals.
// Sentences from published abstracts in test/real-world (ESETT NEJM 2019, COVE NEJM 2021, Madhi
// NEJM 2010, AQUAMAT Lancet 2010).
import { strict as assert } from 'node:assert';
import { analyzeDocument } from '../../../src/core/index.js';
import { report } from './helpers.js';

const arms = [
  { id: 'vaccine', label: 'mRNA-1273', aliases: ['mRNA-1273 group'] },
  { id: 'placebo', label: 'Placebo', aliases: ['placebo group'] },
];
const outcomes = [{ id: 'covid', label: 'Covid-19', aliases: ['covid-19 illness'] }];

function comparisons(body: string): string[][] {
  const { model } = analyzeDocument(report(arms, outcomes, body), { fileName: 'x.trial.md' });
  return model.proseComparisons.map((c) => [c.effect?.text, c.interval?.text, c.p?.text].map((t) => (t ?? '-').replace(/\s+/g, ' ')));
}

describe('linking: value interval', () => {
  it('"(3.3 per 1000 person-years; 95% CI, 1.7 to 6.0)" is a rate\'s interval; the efficacy\'s "(95% CI, 89.3 to 96.8%; P<0.001)" too (COVE)', () => {
    const c = comparisons('Covid-19 illness was confirmed in 185 participants in the placebo group (56.5 per 1000 person-years; 95% confidence interval [CI], 48.7 to 65.3) and in 11 participants in the mRNA-1273 group (3.3 per 1000 person-years; 95% CI, 1.7 to 6.0); vaccine efficacy was 94.1% (95% CI, 89.3 to 96.8%; P<0.001).');
    // Only the p stands as a comparison of the arms; no interval does.
    assert.deepEqual(c, [['-', '-', 'P<0.001']]);
  });

  it('"(47%; 95% credible interval, 39 to 55)" is the share\'s interval (ESETT)', () => {
    assert.deepEqual(comparisons('Seizures stopped in 68 patients assigned to the mRNA-1273 group (47%; 95% credible interval, 39 to 55).'), []);
  });

  it('"(odds ratio … 0.75, 95% CI 0.63–0.90; relative reduction 22.5%, 95% CI 8.1–36.9; p=0.0022)": the first interval is the odds ratio\'s, the second the relative reduction\'s (AQUAMAT)', () => {
    const c = comparisons('Deaths were fewer in the mRNA-1273 group than in the placebo group (odds ratio [OR] stratified for study site 0.75, 95% CI 0.63–0.90; relative reduction 22.5%, 95% CI 8.1–36.9; p=0.0022).');
    assert.deepEqual(c, [['odds ratio [OR] stratified for study site 0.75', '95% CI 0.63–0.90', 'p=0.0022']]);
  });
});
