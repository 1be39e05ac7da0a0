// The new-report template and TR303's checklist data on it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../src/core/index.js';
import { reportingItems } from '../../src/core/rules/reporting-item-missing.js';
import { analyzeDocument } from '../../src/core/check.js';
import { defaultArmLabels, newReportText, reportFileName, slug } from '../../src/extension/template.js';
import { repoRoot } from '../helpers.js';

describe('extension/template: Trial Report: New Report', () => {
  it('templates/consort-abstract.trial.md is the two-arm output of the generator', () => {
    const file = fs.readFileSync(path.join(repoRoot(), 'templates', 'consort-abstract.trial.md'), 'utf8');
    assert.equal(file, newReportText({ title: 'Drug X versus placebo in condition Y: a randomised trial', arms: ['Drug X', 'Placebo'] }));
  });

  for (const n of [1, 2, 3, 6]) {
    it(`a ${n}-arm report is a valid trial summary: no errors or warnings, the CONSORT sections in order`, () => {
      const text = newReportText({ title: 'A: "quoted" title', arms: defaultArmLabels(n) });
      const { findings, model } = checkDocument(text, { fileName: 'new.trial.md' });
      assert.deepEqual(findings.filter((f) => f.severity !== 'info'), []);
      assert.equal(model.arms.length, n);
      assert.deepEqual(model.sections.map((s) => s.title), ['Background', 'Methods', 'Results', 'Safety', 'Conclusions', 'Registration', 'Funding']);
      // Only what a writer must fill in is missing from the checklist.
      assert.ok(findings.every((f) => f.ruleId === 'TR303'));
    });
  }

  it('makes unique slugs and file names', () => {
    assert.equal(slug('IL-2 1.0 MIU'), 'il-2-1.0-miu');
    assert.equal(slug('Placebo', new Set(['placebo'])), 'placebo-2');
    assert.equal(slug('---'), 'arm');
    assert.equal(reportFileName('Drug X: a trial'), 'drug-x-a-trial.trial.md');
    // Long titles are cut at a word boundary, not inside a word.
    assert.equal(reportFileName('Drug X versus placebo in condition Y: a randomised trial'), 'drug-x-versus-placebo-in-condition-y-a-randomised-trial.trial.md');
    assert.equal(reportFileName('Low-dose interleukin-2 versus placebo in active systemic lupus erythematosus'), 'low-dose-interleukin-2-versus-placebo-in-active-systemic.trial.md');
    assert.equal(slug('Intervention with a very long descriptive label for the arm'), 'intervention-with-a-very-long');
    assert.equal(reportFileName('Arm'), 'arm.trial.md');
    assert.equal(reportFileName('—'), 'new-report.trial.md');
  });
});

describe('TR303 data: reportingItems', () => {
  const items = (file: string) => reportingItems(analyzeDocument(fs.readFileSync(path.join(repoRoot(), 'examples', file), 'utf8'), { fileName: file }).model);

  it('the seed news item lacks numbers analysed, the primary outcome in every arm with an effect, and funding', () => {
    const got = Object.fromEntries(items('il2-lupus-news.trial.md').map((i) => [i.id, i.present]));
    assert.deepEqual(got, { registration: true, 'randomised-per-arm': true, 'analysed-per-arm': false, 'primary-outcome': false, harms: true, funding: false });
  });

  it('the complete example reports every item', () => {
    assert.deepEqual(items('vitamin-d-care-homes.trial.md').filter((i) => !i.present).map((i) => i.id), []);
  });

  it('never fires on a document that is not a trial summary', () => {
    const r = checkDocument('# Notes\n\n60% of 38 people.\n', { fileName: 'README.md' });
    assert.deepEqual(r.findings, []);
    const fm = checkDocument('---\ntitle: x\n---\n# Notes\n', { fileName: 'notes.md' });
    assert.deepEqual(fm.findings, []);
  });
});
