// Values after a comparison frame, in brackets of any kind or after a colon, however many arms the
// sentence names. Sentences from published abstracts in test/real-world (Boulware NEJM 2020, POISE
// Lancet 2008, POINT NEJM 2018, Kola Saudi J Gastroenterol 2021) and the examples of docs/linking.md.
import { strict as assert } from 'node:assert';
import { armsOf, read } from './helpers.js';

describe('linking: comparison frame', () => {
  it('"more often on hydroxychloroquine than on placebo (40.1% vs. 16.8%)" (Boulware)', () => {
    const arms = [
      { id: 'hcq', label: 'Hydroxychloroquine', aliases: ['hydroxychloroquine'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [], 'Side effects were more common with hydroxychloroquine than with placebo (40.1% vs. 16.8%), but no serious adverse reactions were reported.');
    assert.deepEqual(armsOf(r), { '40.1%': 'hcq', '16.8%': 'placebo' });
    assert.ok(r.every((x) => x.via === 'comparison frame'));
  });

  it('brackets in brackets: "than in the placebo group (129 [3.1%] vs 97 [2.3%] patients; …)" (POISE)', () => {
    const arms = [
      { id: 'metoprolol', label: 'Metoprolol', aliases: ['metoprolol group'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo group'] },
    ];
    const r = read(arms, [{ id: 'death', label: 'Death', aliases: ['deaths'] }], 'There were more deaths in the metoprolol group than in the placebo group (129 [3.1%] vs 97 [2.3%] patients; p=0.0317).');
    assert.deepEqual(r.map((x) => [x.text, x.arm ?? '-', x.outcome]), [
      ['129 [3.1%]', 'metoprolol', 'death'],
      ['97 [2.3%]', 'placebo', 'death'],
      ['p=0.0317', '-', 'death'],
    ]);
  });

  it('one side named: "less frequent with the combined therapy regimen than in the aspirin-only group (5.0% vs 6.5%, respectively …)" (POINT)', () => {
    const arms = [
      { id: 'dapt', label: 'Clopidogrel plus aspirin' },
      { id: 'asa', label: 'Aspirin only', aliases: ['aspirin-only group'] },
    ];
    const r = read(arms, [], 'A major ischemic event was less frequent with the combined therapy regimen than in the aspirin-only group (5.0% vs 6.5%, respectively; hazard ratio, 0.75).');
    // 6.5% is the aspirin-only group's; 5.0% is the other side's, which the sentence does not name.
    assert.deepEqual(armsOf(r.filter((x) => x.kind === 'share')), { '5.0%': '-', '6.5%': 'asa' });
  });

  it('the frame inside the bracket: "(restrictive vs. liberal; 10/112 vs. 12/112; P = 0.65)" (Kola)', () => {
    const arms = [
      { id: 'restrictive', label: 'Restrictive transfusion', aliases: ['restrictive'] },
      { id: 'liberal', label: 'Liberal transfusion', aliases: ['liberal'] },
    ];
    const r = read(arms, [], 'Mortality at 45 days did not differ between the groups (restrictive vs. liberal; 10/112 vs. 12/112; P = 0.65).');
    assert.deepEqual(armsOf(r.filter((x) => x.kind === 'count')), { '10/112': 'restrictive', '12/112': 'liberal' });
  });

  it('"Drug D 10 mg was better than placebo (46.9% versus 23.7%); with 5 mg it was 36.7%": the pair is the frame\'s, in order', () => {
    const arms = [
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
      { id: 'low', label: 'Drug D 5 mg', aliases: ['5 mg'] },
      { id: 'high', label: 'Drug D 10 mg', aliases: ['10 mg'] },
    ];
    const r = read(arms, [], 'Drug D 10 mg was better than placebo for clinical response (46.9% versus 23.7%); with 5 mg it was 36.7%.');
    assert.deepEqual(armsOf(r), { '46.9%': 'high', '23.7%': 'placebo', '36.7%': 'low' });
    assert.deepEqual(r.map((x) => !!x.inferred), [false, false, true]);
  });

  it('a pair for arms the frame does not name falls back to no one: "[2.8 vs. 4.5%; …]" after a sentence naming one arm', () => {
    const arms = [
      { id: 'empa', label: 'Empagliflozin', aliases: ['empagliflozin'] },
      { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
    ];
    const r = read(arms, [], 'Empagliflozin also improved other outcomes, including heart failure hospitalization [2.8 vs. 4.5%].');
    assert.deepEqual(armsOf(r), { '2.8': '-', '4.5%': '-' });
  });
});
