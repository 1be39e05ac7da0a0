// The group-phrase construction: numbers followed (or preceded) by the phrase naming their arm.
// Sentences from published abstracts in test/real-world (RECOVERY NEJM 2021 preliminary report,
// BALANCE Lancet 2010, Kovacs Lancet 2003, CRASH-2 Lancet 2010, Madhi NEJM 2010, DAPA-HF NEJM
// 2019), numeric constructions as published.
import { strict as assert } from 'node:assert';
import { armsOf, read } from './helpers.js';

const dex = [
  { id: 'dex', label: 'Dexamethasone', aliases: ['dexamethasone'] },
  { id: 'usual', label: 'Usual care', aliases: ['usual care'] },
];

describe('linking: group phrase', () => {
  it('"454 (21.6%) of those on dexamethasone and 1065 (24.6%) of those on usual care" (RECOVERY)', () => {
    const r = read(dex, [], 'By day 28, 454 (21.6%) of those on dexamethasone and 1065 (24.6%) of those on usual care had died.');
    assert.deepEqual(armsOf(r), { '454 (21.6%)': 'dex', '1065 (24.6%)': 'usual' });
    assert.ok(r.every((x) => x.via === 'group phrase' && !x.inferred));
  });

  it('"59 (54%) of 110 people in the combination therapy group": a count, its share and its denominator (BALANCE)', () => {
    const arms = [
      { id: 'combo', label: 'Combination therapy', aliases: ['combination therapy group'] },
      { id: 'lithium', label: 'Lithium', aliases: ['lithium group'] },
      { id: 'valproate', label: 'Valproate', aliases: ['valproate group'] },
    ];
    const r = read(arms, [], 'During follow-up, 59 (54%) of 110 people in the combination therapy group, 65 (59%) of 110 in the lithium group, and 76 (69%) of 110 in the valproate group had a primary outcome event.');
    assert.deepEqual(armsOf(r), { '59 (54%) of 110': 'combo', '65 (59%) of 110': 'lithium', '76 (69%) of 110': 'valproate' });
  });

  it('elliptical lists: "155 were allocated to medium-firm mattresses and 158 to firm mattresses" (Kovacs)', () => {
    const arms = [
      { id: 'medium', label: 'Medium-firm mattress', aliases: ['medium-firm mattresses'] },
      { id: 'firm', label: 'Firm mattress', aliases: ['firm mattresses'] },
    ];
    const r = read(arms, [], 'Of the 313 participants, 155 were allocated to medium-firm mattresses and 158 to firm mattresses.');
    assert.deepEqual(armsOf(r), { '313 participants': 'trial', '155': 'medium', '158': 'firm' });
  });

  it('bare counts before the arm: "489 with tranexamic acid against 574 with placebo" (CRASH-2)', () => {
    const arms = [
      { id: 'txa', label: 'Tranexamic acid', aliases: ['tranexamic acid'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [{ id: 'bleed', label: 'Death due to bleeding', aliases: ['bleeding deaths'] }], 'Bleeding deaths were also fewer, 489 with tranexamic acid against 574 with placebo.');
    assert.deepEqual(r.map((x) => [x.text, x.kind, x.arm, x.outcome]), [
      ['489', 'count', 'txa', 'bleed'],
      ['574', 'count', 'placebo', 'bleed'],
    ]);
  });

  it('a group the front matter does not declare: "1.9% of those in the pooled vaccine group" stays unlinked (Madhi)', () => {
    const arms = [
      { id: 'two', label: 'Rotavirus vaccine, two doses' },
      { id: 'three', label: 'Rotavirus vaccine, three doses' },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo', 'placebo group'] },
    ];
    const r = read(arms, [{ id: 'rvge', label: 'Severe rotavirus gastroenteritis', aliases: ['severe rotavirus gastroenteritis'] }], 'Severe rotavirus gastroenteritis occurred in 4.9% of the infants in the placebo group and in 1.9% of those in the pooled vaccine group.');
    assert.deepEqual(armsOf(r), { '4.9%': 'placebo', '1.9%': '-' });
  });

  it('a leading phrase: "In the placebo group, 23.7% responded" (not when it ends a list of arms)', () => {
    const arms = [
      { id: 'amox', label: 'Amoxicillin', aliases: ['amoxicillin'] },
      { id: 'cef', label: 'Cefdinir', aliases: ['cefdinir'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    assert.deepEqual(armsOf(read(arms, [], 'In the placebo group, 23.7% of the children recovered.')), { '23.7%': 'placebo' });
    // Trehan, NEJM 2013: the leading phrase names three arms; the respectively list decides.
    assert.deepEqual(armsOf(read(arms, [], 'In the amoxicillin, cefdinir, and placebo groups, 88.7%, 90.9%, and 85.1% of the children recovered, respectively.')), { '88.7%': 'amox', '90.9%': 'cef', '85.1%': 'placebo' });
  });

  it('"in 68 patients assigned to levetiracetam (47%; …)": a count of patients with the outcome, not the arm\'s size (ESETT)', () => {
    const arms = [
      { id: 'lev', label: 'Levetiracetam', aliases: ['levetiracetam'] },
      { id: 'fos', label: 'Fosphenytoin', aliases: ['fosphenytoin'] },
    ];
    const r = read(arms, [], 'Seizures stopped in 68 patients assigned to levetiracetam (47%; 95% credible interval, 39 to 55) and in 53 patients assigned to fosphenytoin (45%; 95% credible interval, 36 to 54).');
    assert.deepEqual(r.map((x) => [x.text, x.kind, x.arm ?? '-']), [
      ['68 patients', 'count', 'lev'],
      ['47%', 'share', 'lev'],
      ['95% credible interval, 39 to 55)', 'interval', '-'],
      ['53 patients', 'count', 'fos'],
      ['45%', 'share', 'fos'],
      ['95% credible interval, 36 to 54)', 'interval', '-'],
    ]);
  });
});
