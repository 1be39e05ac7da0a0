// Table layouts: arms as columns or rows, n (%) and n/N (%) cells, columns qualified by a grade or
// subgroup, and rows holding an estimate, its CI and a p. Tables after EMPA-REG (Eur Heart J 2016)
// and PATHWAY (npj Breast Cancer 2024) in test/real-world.
import { strict as assert } from 'node:assert';
import { analyzeDocument } from '../../../src/core/index.js';
import { report } from './helpers.js';

const arms = [
  { id: 'placebo', label: 'Placebo', aliases: ['placebo'] },
  { id: 'drug', label: 'Empagliflozin', aliases: ['empagliflozin'] },
];
const outcomes = [
  { id: 'hhf', label: 'Hospitalization for heart failure' },
  { id: 'hosp', label: 'All-cause hospitalization' },
];

function analyse(table: string, aes: string[] = []) {
  return analyzeDocument(report(arms, outcomes, table, aes), { fileName: 'x.trial.md' }).model;
}

describe('linking: table layouts', () => {
  it('arms as columns with n (%) cells, and a row of HR (95% CI) and P that is a comparison (EMPA-REG)', () => {
    const model = analyse(
      [
        '| Outcome | Placebo (N = 2333), n (%) | Empagliflozin (N = 4687), n (%) | HR (95% CI) | P-value |',
        '| --- | --- | --- | --- | --- |',
        '| Hospitalization for heart failure | 95 (4.1) | 126 (2.7) | 0.65 (0.50–0.85) | 0.002 |',
        '| All-cause hospitalization | 925 (39.6) | 1725 (36.8) | 0.89 (0.82–0.96) | 0.003 |',
      ].join('\n'),
    );
    const cells = model.mentions.filter((m) => m.kind === 'share').map((m) => [m.text, m.link.armId, m.link.endpointId, m.total?.value, m.link.via]);
    assert.deepEqual(cells, [
      ['95 (4.1)', 'placebo', 'hhf', 2333, 'table column'],
      ['126 (2.7)', 'drug', 'hhf', 4687, 'table column'],
      ['925 (39.6)', 'placebo', 'hosp', 2333, 'table column'],
      ['1725 (36.8)', 'drug', 'hosp', 4687, 'table column'],
    ]);
    const rows = model.proseComparisons.map((c) => [c.endpointId, c.effect?.effect?.measure, c.effect?.effect?.value.value, c.interval?.interval?.lo.value, c.interval?.interval?.hi.value, c.p?.p?.text]);
    assert.deepEqual(rows, [
      ['hhf', 'hazard ratio', 0.65, 0.5, 0.85, '0.002'],
      ['hosp', 'hazard ratio', 0.89, 0.82, 0.96, '0.003'],
    ]);
  });

  it('columns qualified by a grade hold no outcome of the row (PATHWAY)', () => {
    const model = analyse(
      [
        '| Adverse event | Empagliflozin: any grade, n (%) | Empagliflozin: grade 3, n (%) | Placebo: any grade, n (%) | Placebo: grade 3, n (%) |',
        '| --- | --- | --- | --- | --- |',
        '| Neutropenia | 83 (91.2) | 69 (75.8) | 2 (2.2) | 1 (1.1) |',
      ].join('\n'),
      ['Neutropenia'],
    );
    const cells = model.mentions.filter((m) => m.kind === 'share').map((m) => [m.text, m.link.armId, m.link.adverseEvent]);
    assert.deepEqual(cells, [
      ['83 (91.2)', 'drug', 0],
      ['69 (75.8)', 'drug', undefined],
      ['2 (2.2)', 'placebo', 0],
      ['1 (1.1)', 'placebo', undefined],
    ]);
  });
});
