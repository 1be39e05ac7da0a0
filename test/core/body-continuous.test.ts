// The body forms of continuous results and of the participant flow (src/core/body-continuous.ts),
// read from sentences in the forms published abstracts use, and the forms that must not be read.
import { strict as assert } from 'node:assert';
import { analyzeDocument } from '../../src/core/index.js';
import { bodyContinuous } from '../../src/core/body-continuous.js';

const FM = `---
trial:
  title: Body forms (test)
  randomized: 200
arms:
  - id: a
    label: Drug A
    randomized: 100
    aliases: [drug A]
  - id: b
    label: Placebo
    randomized: 100
    aliases: [placebo]
endpoints:
  - id: pain
    label: Pain score
    type: continuous
    aliases: [pain score]
---

# Test

## Results

`;

function read(body: string): ReturnType<typeof bodyContinuous> {
  const text = FM + body + '\n';
  const { model, doc } = analyzeDocument(text, { fileName: 't.trial.md' });
  return bodyContinuous(model, doc);
}

const summaries = (body: string): string[] => read(body).summaries.map((s) => `${s.label}${s.labelled ? '' : '?'} ${s.centre.text} ${s.spread?.text ?? `${s.lo?.text}..${s.hi?.text}`}`);
const flow = (body: string): string[] => read(body).flow.map((f) => `${f.key} ${f.count.text}`);

describe('body forms of continuous results', () => {
  it('reads mean ± SD, (SD x), (SE x), IQR, range and a median with its CI', () => {
    assert.deepEqual(summaries('The pain score was 6.30 ± 3.9 with drug A.'), ['SD? 6.30 3.9']);
    assert.deepEqual(summaries('The pain score was −9.83 (SD 7.9) with drug A and −7.24 (SE 0.70) with placebo.'), ['SD −9.83 7.9', 'SE −7.24 0.70']);
    assert.deepEqual(summaries('Stay was a median of 9 days (IQR 6–13) and ages were 54 years (range 18 to 80).'), ['IQR 9 6..13', 'range 54 18..80']);
    assert.deepEqual(summaries('Median survival was 16.4 months (95% CI, 12.1 to 21.0).'), ['CI 16.4 12.1..21.0']);
    assert.deepEqual(summaries('The change was −2.1 (interquartile range, −4 to 0).'), ['IQR −2.1 −4..0']);
  });

  it('reads a bare ± as SE when the sentence says so', () => {
    assert.deepEqual(summaries('Values are mean ± SE: the pain score was 6.30 ± 0.40 with drug A.'), ['SE? 6.30 0.40']);
  });

  it('reads table cells under "mean (SD)" and "median (IQR)" headers', () => {
    const table = '| Outcome | Drug A (n=93) | Placebo (n=92) |\n|---|---:|---:|\n| Pain score, mean (SD) | 6.30 (3.9) | 8.26 (4.1) |\n| Analgesic days, median (IQR) | 9 (3–20) | 14 (6–28) |\n| Falls, n (%) | 7 (7.5) | 11 (12.0) |';
    assert.deepEqual(summaries(table), ['SD 6.30 3.9', 'SD 8.26 4.1', 'IQR 9 3..20', 'IQR 14 6..28']);
  });

  it('does not read shares, ranges of years or CIs of effects as summaries', () => {
    assert.deepEqual(summaries('Response occurred in 34 of 78 patients (43.6%) and the odds ratio was 2.1.'), []);
    assert.deepEqual(summaries('Patients were enrolled from 2015 to 2019 at 24 sites.'), []);
  });
});

describe('body forms of the participant flow', () => {
  it('reads the counts of the CONSORT flow in the forms abstracts use', () => {
    assert.deepEqual(flow('398 patients were assessed for eligibility.'), ['assessed 398']);
    assert.deepEqual(flow('Of 418 people assessed for eligibility, 192 were randomized.'), ['assessed 418']);
    assert.deepEqual(flow('A total of 1,204 patients were screened.'), ['assessed 1,204']);
    assert.deepEqual(flow('Overall, 135 participants (89.4%) completed the study.'), ['completed 135']);
    assert.deepEqual(flow('In total, 18 participants (11.3%) discontinued the study drug, and 7 were lost to follow-up.'), ['discontinued 18', 'lost 7']);
    assert.deepEqual(flow('In the drug A group, 94 received the allocated intervention.'), ['received 94']);
  });

  it('does not read subsets, times or other counts as flow counts', () => {
    assert.deepEqual(flow('Four patients discontinued; 3 discontinued because of adverse events.'), []);
    assert.deepEqual(flow('Visits at week 12 completed the schedule.'), []);
    assert.deepEqual(flow('88 and 90 participants completed treatment.'), []);
    assert.deepEqual(flow('The 12 centres that screened patients were in 3 countries.'), []);
  });
});
