// Counts of events are not group sizes. Sentences from published abstracts in test/real-world
// (COVE NEJM 2021, DAPA-HF NEJM 2019) and the examples of docs/linking.md.
import { strict as assert } from 'node:assert';
import { read } from './helpers.js';

const arms = [
  { id: 'vaccine', label: 'mRNA-1273', aliases: ['mRNA-1273 group'] },
  { id: 'placebo', label: 'Placebo', aliases: ['placebo group'] },
];

describe('linking: event count', () => {
  it('"confirmed in 185 participants in the placebo group … and in 11 participants in the mRNA-1273 group" are counts, not sizes (COVE)', () => {
    const r = read(arms, [{ id: 'covid', label: 'Symptomatic Covid-19 illness', aliases: ['symptomatic covid-19 illness'] }], 'Symptomatic Covid-19 illness was confirmed in 185 participants in the placebo group and in 11 participants in the mRNA-1273 group.');
    assert.deepEqual(r.map((x) => [x.text, x.kind, x.arm, x.outcome]), [
      ['185 participants', 'count', 'placebo', 'covid'],
      ['11 participants', 'count', 'vaccine', 'covid'],
    ]);
  });

  it('"57 patients had a flare" names no arm: a count, linked to no arm by the clause fallback', () => {
    const r = read(arms, [{ id: 'flare', label: 'Flare', aliases: ['flare'] }], 'In the placebo group follow-up was longer; 57 patients had a flare.');
    assert.deepEqual(r.map((x) => [x.text, x.kind, x.arm ?? '-']), [['57 patients', 'count', '-']]);
  });
});
