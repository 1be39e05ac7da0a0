// The new-report template and TR303's checklist data on it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../src/core/index.js';
import { reportingItems } from '../../src/core/rules/reporting-item-missing.js';
import { analyzeDocument } from '../../src/core/check.js';
import {
  askNewReport, type InputQuestion, type PickItem, type PickQuestion, type Prompter, readDefaults, validateItems, validateMax, validateMin, validateStep,
} from '../../src/extension/new-report-questions.js';
import { defaultArmLabels, type EndpointInput, newReportText, reportFileName, slug } from '../../src/extension/template.js';
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

  const kinds: EndpointInput[][] = [
    [{ type: 'continuous', scale: { min: 0, max: 10, step: 1 } }],
    [{ type: 'time-to-event' }],
    [{ type: 'binary' }, { type: 'continuous', scale: { min: 1, max: 5, step: 0.5, items: 10 } }, { type: 'time-to-event' }],
    [{ type: 'continuous', scale: { min: -3.5, max: 3.5, step: 0.1 } }, { type: 'continuous', scale: { min: 0, max: 105, step: 1 } }],
  ];
  for (const n of [1, 2, 3]) {
    for (const endpoints of kinds) {
      for (const flowKnown of [true, false]) {
        it(`${n} arm(s), outcomes ${endpoints.map((e) => e.type).join(' + ')}, flow ${flowKnown ? 'known' : 'not yet known'}: no error or warning from the checker`, () => {
          const text = newReportText({ title: 'New report', arms: defaultArmLabels(n), endpoints, flowKnown });
          const { findings, model } = checkDocument(text, { fileName: 'new.trial.md' });
          assert.deepEqual(findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.message}`), []);
          assert.ok(findings.every((f) => f.ruleId === 'TR303'));
          const analysed = analyzeDocument(text, { fileName: 'new.trial.md' });
          assert.deepEqual(analysed.model.endpoints.map((e) => e.type), endpoints.map((e) => e.type));
          assert.equal(model.endpoints.filter((e) => e.primary).length, 1);
          assert.equal(model.endpoints[0]!.primary, true);
        });
      }
    }
  }

  it('a continuous outcome: its scale, mean/SD/n placeholders at a possible value, a mean-difference comparison to fill in', () => {
    const text = newReportText({ title: 'T', arms: ['Exercise', 'Usual care'], endpoints: [{ type: 'continuous', scale: { min: 1, max: 5, step: 0.5, items: 10 } }] });
    const { model } = analyzeDocument(text, { fileName: 't.trial.md' });
    const e = model.endpoints[0]!;
    assert.deepEqual([e.scale?.min?.value, e.scale?.max?.value, e.scale?.step?.value, e.scale?.items?.value], [1, 5, 0.5, 10]);
    assert.equal(e.change, false);
    assert.deepEqual(e.results.map((r) => [r.armId, r.mean?.text, r.sd?.text, r.n?.text]), [['exercise', '1.00', '0.00', '0'], ['usual-care', '1.00', '0.00', '0']]);
    assert.match(text, /\n {4}scale: {26}# what one participant's value can be\n {6}min: 1 {24}# lowest possible value\n {6}max: 5 {24}# highest possible value\n {6}step: 0\.5 {21}# smallest difference between two participants' values\n {6}items: 10 {21}# items averaged into one participant's value\n {4}change: false/);
    assert.match(text, /\n {6}- arm: exercise\n {8}versus: usual-care\n {8}# measure: mean difference\n {8}# estimate: 0\.00\n/);
    // Without items: the key is there to uncomment, at its default.
    assert.match(newReportText({ title: 'T', arms: ['A'], endpoints: [{ type: 'continuous', scale: { min: 0, max: 10, step: 1 } }] }), /\n {6}# items: 1 {20}# items averaged/);
  });

  it('a time-to-event outcome: events, n, median and its CI per arm, a hazard-ratio comparison to fill in', () => {
    const text = newReportText({ title: 'T', arms: ['A', 'B'], endpoints: [{ type: 'time-to-event' }] });
    const e = analyzeDocument(text, { fileName: 't.trial.md' }).model.endpoints[0]!;
    assert.deepEqual(e.results.map((r) => [r.armId, r.events?.text, r.n?.text, r.median?.text, r.medianCi?.map((x) => x.text)]), [['a', '0', '0', '0.0', ['0.0', '0.0']], ['b', '0', '0', '0.0', ['0.0', '0.0']]]);
    assert.match(text, /\n {8}# measure: hazard ratio\n {8}# estimate: 1\.00\n {8}# ci: \[1\.00, 1\.00\]\n/);
  });

  it('the participant flow: keys to fill in when known, commented placeholders when not', () => {
    const known = analyzeDocument(newReportText({ title: 'T', arms: ['A', 'B'], flowKnown: true }), { fileName: 't.trial.md' }).model;
    assert.deepEqual([known.trial.assessed?.value, known.trial.excluded?.value, known.trial.exclusionReasons?.map((r) => r.reason)], [0, 0, ['did not meet inclusion criteria', 'declined to participate', 'other reasons']]);
    assert.deepEqual(known.arms.map((a) => [a.received?.value, a.discontinued?.value, a.lost?.value, a.completed?.value]), [[0, 0, 0, 0], [0, 0, 0, 0]]);
    const text = newReportText({ title: 'T', arms: ['A', 'B'], flowKnown: false });
    const unknown = analyzeDocument(text, { fileName: 't.trial.md' }).model;
    assert.equal(unknown.trial.assessed, undefined);
    assert.equal(unknown.arms[0]!.received, undefined);
    for (const key of ['assessed', 'excluded', 'exclusion_reasons', 'received', 'discontinued', 'lost', 'completed']) assert.match(text, new RegExp(`\\n +# ${key}:`), key);
  });

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

/** A script of answers: a string types it, ENTER accepts what is proposed, CANCEL is Escape. */
const ENTER = Symbol('enter');
const CANCEL = Symbol('cancel');
type Answer = string | typeof ENTER | typeof CANCEL;

class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  readonly proposed: string[] = [];
  constructor(private readonly answers: Answer[]) {}
  private next(title: string): Answer {
    this.asked.push(title);
    const a = this.answers.shift();
    assert.ok(a !== undefined, `no answer scripted for "${title}"`);
    return a;
  }
  input(q: InputQuestion): Promise<string | undefined> {
    const a = this.next(q.title);
    this.proposed.push(q.value);
    if (a === CANCEL) return Promise.resolve(undefined);
    const text = a === ENTER ? q.value : a;
    assert.equal(q.validate?.(text), undefined, `"${text}" is accepted at "${q.title}"`);
    return Promise.resolve(text);
  }
  pick<T>(items: PickItem<T>[], q: PickQuestion): Promise<PickItem<T> | undefined> {
    const a = this.next(q.title);
    this.proposed.push(items[q.active ?? 0]!.label);
    if (a === CANCEL) return Promise.resolve(undefined);
    const item = a === ENTER ? items[q.active ?? 0] : items.find((i) => i.label === a);
    assert.ok(item, `"${String(a)}" is offered at "${q.title}"`);
    return Promise.resolve(item);
  }
}

describe('extension/new-report-questions: the New Report dialogue', () => {
  const continuousScript: Answer[] = ['Exercise for knee pain: a randomised trial', '2', 'Exercise', 'Usual care', '2', 'continuous', '0', '20', '1', '', 'time-to-event', 'Not yet'];

  it('asks for each outcome\'s type and a continuous outcome\'s scale, then the flow', async () => {
    const p = new ScriptedPrompter([...continuousScript]);
    const input = await askNewReport(p);
    assert.deepEqual(input, {
      title: 'Exercise for knee pain: a randomised trial',
      arms: ['Exercise', 'Usual care'],
      endpoints: [{ type: 'continuous', scale: { min: 0, max: 20, step: 1 } }, { type: 'time-to-event' }],
      flowKnown: false,
    });
    assert.deepEqual(p.asked, [
      'New Trial Report: title',
      'New Trial Report: number of arms',
      'New Trial Report: label of arm 1 of 2',
      'New Trial Report: label of arm 2 of 2',
      'New Trial Report: number of outcomes',
      'New Trial Report: type of the primary outcome (1 of 2)',
      'New Trial Report: scale of the primary outcome (1 of 2): lowest value',
      'New Trial Report: scale of the primary outcome (1 of 2): highest value',
      'New Trial Report: scale of the primary outcome (1 of 2): step',
      'New Trial Report: scale of the primary outcome (1 of 2): items averaged (optional)',
      'New Trial Report: type of secondary outcome 1 (2 of 2)',
      'New Trial Report: participant flow (CONSORT diagram)',
    ]);
  });

  it('accepting every proposal makes the report as before: one arm, one binary outcome; the flow known', async () => {
    const p = new ScriptedPrompter(Array<Answer>(6).fill(ENTER));
    assert.deepEqual(await askNewReport(p), { title: 'Drug X versus placebo in condition Y: a randomised trial', arms: ['Intervention'], endpoints: [{ type: 'binary' }], flowKnown: true });
    assert.equal(p.asked.length, 6);
  });

  it('cancelling at any question makes nothing and asks nothing more', async () => {
    for (let at = 0; at < continuousScript.length; at++) {
      const p = new ScriptedPrompter([...continuousScript.slice(0, at), CANCEL]);
      assert.equal(await askNewReport(p), undefined, `cancelled at question ${at + 1}`);
      assert.equal(p.asked.length, at + 1);
    }
  });

  it('proposes the answers a command argument gives (a keybinding\'s args), ignoring malformed ones', async () => {
    const defaults = readDefaults({ title: 'Preset', arms: ['A', 'B'], endpoints: [{ type: 'continuous', scale: { min: 1, max: 7, step: 0.5, items: 3 } }], flowKnown: false });
    const p = new ScriptedPrompter(Array<Answer>(11).fill(ENTER));
    assert.deepEqual(await askNewReport(p, defaults), { title: 'Preset', arms: ['A', 'B'], endpoints: [{ type: 'continuous', scale: { min: 1, max: 7, step: 0.5, items: 3 } }], flowKnown: false });
    assert.deepEqual(p.proposed, ['Preset', '2', 'A', 'B', '1', 'continuous', '1', '7', '0.5', '3', 'Not yet']);
    assert.deepEqual(readDefaults({ endpoints: ['time-to-event', 'binary'] }), { endpoints: [{ type: 'time-to-event' }, { type: 'binary' }] });
    for (const bad of [undefined, 'x', [], { arms: ['A', 'A'] }, { arms: [1] }, { endpoints: ['ordinal'] }, { endpoints: [{ type: 'continuous', scale: { min: 5, max: 1, step: 1 } }] }, { flowKnown: 'yes' }]) {
      const got = readDefaults(bad);
      assert.ok(!got.arms && !got.flowKnown, JSON.stringify(bad));
      assert.ok(!got.endpoints?.some((e) => e.scale), JSON.stringify(bad));
    }
    assert.deepEqual(readDefaults({ endpoints: [{ type: 'continuous', scale: { min: 5, max: 1, step: 1 } }] }), { endpoints: [{ type: 'continuous' }] });
    assert.deepEqual(readDefaults({ endpoints: ['ordinal'] }), {});
  });

  it('validates the scale with messages that say what would do', () => {
    assert.equal(validateMin('0'), undefined);
    assert.equal(validateMin('-3.5'), undefined);
    assert.equal(validateMin('.5'), undefined);
    assert.equal(validateMin('zero'), 'Enter a number, e.g. 0.');
    assert.equal(validateMin(''), 'Enter a number, e.g. 0.');
    assert.equal(validateMin('0,5'), 'Write the decimal mark as ".": 0.5.');
    assert.equal(validateMax('10', 0), undefined);
    assert.equal(validateMax('0', 0), 'The highest value must be above the lowest (0).');
    assert.equal(validateMax('-1', 0), 'The highest value must be above the lowest (0).');
    assert.equal(validateMax('ten', 0), 'Enter a number, e.g. 10.');
    assert.equal(validateStep('1', 0, 10), undefined);
    assert.equal(validateStep('0.1', 0, 0.3), undefined);
    assert.equal(validateStep('0', 0, 10), 'The step must be greater than 0: 1 for whole-number scores, 0.5 for half points.');
    assert.equal(validateStep('-1', 0, 10), 'The step must be greater than 0: 1 for whole-number scores, 0.5 for half points.');
    assert.equal(validateStep('20', 0, 10), 'The step must not exceed the width of the scale (10 − 0 = 10).');
    assert.equal(validateStep('half', 0, 10), 'Enter a number, e.g. 1 for whole-number scores, 0.5 for half points.');
    assert.equal(validateItems(''), undefined);
    assert.equal(validateItems('10'), undefined);
    for (const bad of ['0', '2.5', 'ten', '-1']) assert.equal(validateItems(bad), 'Items must be a whole number, 1 or more; leave it empty when each participant has one value.', bad);
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
