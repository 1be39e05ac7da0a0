// The clause fallback runs last, for numbers no construction claimed; its links are inferred.
import { strict as assert } from 'node:assert';
import { read } from './helpers.js';

const arms = [
  { id: 'trt', label: 'Treatment', aliases: ['treatment'] },
  { id: 'ctl', label: 'Control', aliases: ['control'] },
];

describe('linking: clause fallback', () => {
  it('"Response on control was 33.0%." — the only arm of its clause, marked inferred', () => {
    const r = read(arms, [{ id: 'resp', label: 'Response', aliases: ['response'] }], 'Response on control was 33.0%.');
    assert.deepEqual(r.map((x) => [x.text, x.arm, x.outcome, x.via, x.inferred]), [['33.0%', 'ctl', 'resp', 'clause', true]]);
  });

  it('the only arm named, as the comparator, gives nothing to a number before it: "approximately 84% of patients … than with aspirin only" (POINT)', () => {
    const point = [
      { id: 'dapt', label: 'Clopidogrel plus aspirin' },
      { id: 'asa', label: 'Aspirin only', aliases: ['aspirin only'] },
    ];
    const r = read(point, [], 'The board found that approximately 84% of patients had experienced a lower risk of major ischemic events than with aspirin only.');
    assert.equal(r[0]!.arm, undefined);
  });

  it('a label right before its value ("IL-2 1.0 MIU 60%") but not across a ";" ("14 control; 93%", FAI)', () => {
    const fai = [
      { id: 'pt', label: 'Physiotherapy', aliases: ['PT'] },
      { id: 'control', label: 'Control', aliases: ['control'] },
    ];
    const r = read(fai, [], 'Thirty were randomised, 14 to PT and 16 to control; 28 (14 PT and 14 control; 93%) completed the week 14 measurements.');
    assert.equal(r.find((x) => x.text === '93%')?.arm, undefined);
  });
});
