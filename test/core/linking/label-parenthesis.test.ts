// The label-parenthesis construction: an arm's label with its numbers right after it.
// Sentences from published abstracts (test/real-world: AFPPS NEJM 2003, ESETT NEJM 2019, IPASS
// NEJM 2009, POINT NEJM 2018; wording around the numbers paraphrased as in the corpus).
import { strict as assert } from 'node:assert';
import { armsOf, read } from './helpers.js';

describe('linking: label parenthesis', () => {
  it('"placebo (372 patients), 81 mg of aspirin (377 patients), or 325 mg of aspirin (372 patients)" (AFPPS)', () => {
    const arms = [
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
      { id: 'asa81', label: '81 mg of aspirin' },
      { id: 'asa325', label: '325 mg of aspirin' },
    ];
    const r = read(arms, [], 'Patients were randomly assigned to placebo (372 patients), 81 mg of aspirin (377 patients), or 325 mg of aspirin (372 patients) daily.');
    assert.deepEqual(
      r.map((x) => [x.text, x.arm, x.role, x.via]),
      [
        ['372 patients', 'placebo', 'group', 'label parenthesis'],
        ['377 patients', 'asa81', 'group', 'label parenthesis'],
        ['372 patients', 'asa325', 'group', 'label parenthesis'],
      ],
    );
  });

  it('bare sizes in brackets: "levetiracetam (145 patients), fosphenytoin (118) or valproate (121)" (ESETT)', () => {
    const arms = [
      { id: 'lev', label: 'Levetiracetam', aliases: ['levetiracetam'] },
      { id: 'fos', label: 'Fosphenytoin', aliases: ['fosphenytoin'] },
      { id: 'vpa', label: 'Valproate', aliases: ['valproate'] },
    ];
    const r = read(arms, [], 'In all, 384 patients were enrolled and randomly assigned to levetiracetam (145 patients), fosphenytoin (118) or valproate (121).');
    assert.deepEqual(armsOf(r), { '384 patients': 'trial', '145 patients': 'lev', '118': 'fos', '121': 'vpa' });
  });

  it('past a bracket describing the arm: "gefitinib (250 mg per day) (609 patients)" (IPASS)', () => {
    const arms = [
      { id: 'gef', label: 'Gefitinib', aliases: ['gefitinib'] },
      { id: 'cp', label: 'Carboplatin plus paclitaxel' },
    ];
    const r = read(arms, [], 'Patients were randomly assigned to receive gefitinib (250 mg per day) (609 patients) or the chemotherapy doublet.');
    assert.deepEqual(armsOf(r), { '609 patients': 'gef' });
  });

  it('an n after words that name no arm belongs to no arm, not to the one arm named (POINT)', () => {
    const arms = [
      { id: 'dapt', label: 'Clopidogrel plus aspirin' },
      { id: 'asa', label: 'Aspirin only' },
    ];
    const r = read(arms, [], 'Patients were randomly allocated to clopidogrel plus 50 to 325 mg/day aspirin (n=2432) or to 50 to 325 mg/day aspirin only (n=2449).');
    assert.deepEqual(armsOf(r), { 'n=2432': '-', 'n=2449': 'asa' });
  });

  it('"with Drug D 10 mg (46.9%, 61/130) versus placebo (23.7%, 31/131)": a share and its count, one arm each', () => {
    const arms = [
      { id: 'high', label: 'Drug D 10 mg', aliases: ['10 mg'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [{ id: 'resp', label: 'Clinical response', aliases: ['clinical response'] }], 'Clinical response occurred with Drug D 10 mg (46.9%, 61/130) versus placebo (23.7%, 31/131).');
    assert.deepEqual(
      r.map((x) => [x.text, x.arm, x.outcome, x.via]),
      [
        ['46.9%, 61/130', 'high', 'resp', 'label parenthesis'],
        ['23.7%, 31/131', 'placebo', 'resp', 'label parenthesis'],
      ],
    );
  });

  it('an outcome\'s name before a bracket: "hospitalization for or death from heart failure [2.8 vs. 4.5%; HR: 0.61 (0.47–0.79); P < 0.001]" (EMPA-REG)', () => {
    const arms = [
      { id: 'empa', label: 'Empagliflozin', aliases: ['empagliflozin'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const outcomes = [
      { id: 'hfd', label: 'Hospitalization for or death from heart failure' },
      { id: 'hosp', label: 'All-cause hospitalization' },
    ];
    const r = read(arms, outcomes, 'Empagliflozin also improved other outcomes, including hospitalization for or death from heart failure [2.8 vs. 4.5%; HR: 0.61 (0.47–0.79); P < 0.001], and all-cause hospitalization [36.8 vs. 39.6%; HR: 0.89 (0.82–0.96); P = 0.003].');
    assert.deepEqual(
      r.map((x) => [x.text, x.arm ?? '-', x.outcome]),
      [
        ['2.8', '-', 'hfd'],
        ['4.5%', '-', 'hfd'],
        ['HR: 0.61', '-', 'hfd'],
        ['(0.47–0.79)', '-', 'hfd'],
        ['P < 0.001', '-', 'hfd'],
        ['36.8', '-', 'hosp'],
        ['39.6%', '-', 'hosp'],
        ['HR: 0.89', '-', 'hosp'],
        ['(0.82–0.96)', '-', 'hosp'],
        ['P = 0.003', '-', 'hosp'],
      ],
    );
  });
});
