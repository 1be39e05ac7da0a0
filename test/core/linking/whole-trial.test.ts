// Whole-trial frames describe the trial, never an arm, however many arms the sentence names.
// Sentences from published abstracts in test/real-world (CRASH-2 Lancet 2010, Kovacs Lancet 2003,
// STRIVE NEJM 2017, Madhi NEJM 2010) and the examples of docs/linking.md.
import { strict as assert } from 'node:assert';
import { armsOf, read } from './helpers.js';

const two = [
  { id: 'txa', label: 'Tranexamic acid', aliases: ['tranexamic acid'] },
  { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
];

describe('linking: whole-trial frame', () => {
  it('"20,211 adult trauma patients were randomly assigned … to tranexamic acid or a matching placebo" (CRASH-2)', () => {
    const r = read(two, [], 'At 274 hospitals in 40 countries, 20,211 adult trauma patients were randomly assigned within 8 h of injury to tranexamic acid or a matching placebo.');
    assert.deepEqual(armsOf(r), { '20,211 adult trauma patients': 'trial' });
    assert.equal(r[0]!.via, 'whole-trial frame');
  });

  it('the verb far from the number: "313 adults with chronic non-specific low-back pain … were randomly assigned" (Kovacs)', () => {
    const arms = [
      { id: 'firm', label: 'Firm mattress', aliases: ['firm mattresses'] },
      { id: 'medium', label: 'Medium-firm mattress', aliases: ['medium-firm mattresses'] },
    ];
    const r = read(arms, [], 'In a randomised, double-blind, multicentre trial, 313 adults with chronic non-specific low-back pain who complained of backache while lying in bed were randomly assigned to receive firm or medium-firm mattresses.');
    assert.deepEqual(armsOf(r), { '313 adults': 'trial' });
  });

  it('"A total of 955 patients underwent randomization: 317 were assigned to the 70-mg erenumab group, 319 to …" (STRIVE)', () => {
    const arms = [
      { id: 'e70', label: 'Erenumab 70 mg', aliases: ['70-mg erenumab group'] },
      { id: 'e140', label: 'Erenumab 140 mg', aliases: ['140-mg erenumab group'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo group'] },
    ];
    const r = read(arms, [], 'A total of 955 patients underwent randomization: 317 were assigned to the 70-mg erenumab group, 319 to the 140-mg erenumab group, and 319 to the placebo group.');
    assert.deepEqual(r.map((x) => [x.text, x.arm ?? 'trial']), [
      ['955 patients', 'trial'],
      ['317', 'e70'],
      ['319', 'e140'],
      ['319', 'placebo'],
    ]);
  });

  it('"Patients (n = 389) were randomized to Drug D 10 mg (n = 130), Drug D 5 mg (n = 128) or placebo (n = 131)"', () => {
    const arms = [
      { id: 'high', label: 'Drug D 10 mg' },
      { id: 'low', label: 'Drug D 5 mg' },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [], 'Patients (n = 389) were randomized to Drug D 10 mg (n = 130), Drug D 5 mg (n = 128) or placebo (n = 131) once daily.');
    assert.deepEqual(armsOf(r), { 'n = 389': 'trial', 'n = 130': 'high', 'n = 128': 'low', 'n = 131': 'placebo' });
  });

  it('a per-protocol set is no trial total: "Of the 4417 infants in the per-protocol efficacy analysis, …" (Madhi)', () => {
    const r = read(two, [], 'Of the 4417 infants in the per-protocol efficacy analysis, the outcome occurred in 4.9% of those given placebo.');
    assert.equal(r[0]!.role, 'other');
  });
});
