// Subgroup frames: the numbers in their scope are a subgroup's, never an arm's or the outcome's
// of the front matter. Sentence from IPASS (NEJM 2009) in test/real-world.
import { strict as assert } from 'node:assert';
import { read } from './helpers.js';

describe('linking: subgroup frame', () => {
  it('"Among the 261 patients whose tumours carried an EGFR mutation, … (hazard ratio …, 0.48 …), whereas among the 176 patients without the mutation …" (IPASS)', () => {
    const arms = [
      { id: 'gef', label: 'Gefitinib', aliases: ['gefitinib'] },
      { id: 'cp', label: 'Carboplatin–paclitaxel', aliases: ['carboplatin–paclitaxel'] },
    ];
    const r = read(arms, [{ id: 'pfs', label: 'Progression-free survival', aliases: ['progression-free survival'] }], 'Among the 261 patients whose tumours carried an EGFR mutation, progression-free survival was longer with gefitinib than with carboplatin–paclitaxel (hazard ratio for progression or death, 0.48; 95% CI, 0.36 to 0.64; P<0.001), whereas among the 176 patients without the mutation it was longer with carboplatin–paclitaxel (hazard ratio, 2.85; 95% CI, 2.05 to 3.98; P<0.001).');
    assert.ok(r.length >= 8);
    assert.deepEqual(r.filter((x) => x.arm || x.outcome), [], 'no number of a subgroup is linked');
    assert.ok(r.every((x) => x.via === 'subgroup'));
  });
});
