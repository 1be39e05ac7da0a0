import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chooseSchemaSetting, DEFAULTS, mayBeTrialSummary, normalizeRules, readSettings, resolveSchemaSetting } from '../../src/extension/settings';

const abs = (...p: string[]): string => path.resolve(path.sep, ...p);

describe('extension/settings', () => {
  it('uses the defaults when nothing is set', () => {
    const { settings, warnings } = readSettings(() => undefined, undefined, true);
    assert.deepEqual(settings, { enable: true, schema: undefined, rules: {}, debounceMs: DEFAULTS.debounceMs, maxFileSize: DEFAULTS.maxFileSize, reportUnlinked: false, rounding: 'charitable' });
    assert.deepEqual(warnings, []);
  });

  it('maps the values, clamping numbers', () => {
    const values: Record<string, unknown> = { enable: false, debounceMs: -5, maxFileSize: 1234.4, rules: { TR104: 'warning' }, reportUnlinked: true };
    const { settings } = readSettings((k) => values[k], { globalValue: 'schemas/house.json' }, true);
    assert.equal(settings.reportUnlinked, true);
    assert.equal(settings.enable, false);
    assert.equal(settings.debounceMs, 0);
    assert.equal(settings.maxFileSize, 1234);
    assert.deepEqual(settings.rules, { TR104: 'warning' });
    assert.equal(settings.schema, 'schemas/house.json');
    assert.equal(readSettings((k) => (k === 'debounceMs' ? 'fast' : undefined), undefined, true).settings.debounceMs, 300);
  });

  it('keeps valid rule overrides and reports the others', () => {
    const { rules, invalid } = normalizeRules({ TR104: 'off', tr201: 'Error', TR111: 'information', TR9: 'error', TR105: 'fatal', TR106: 3 });
    assert.deepEqual(rules, { TR104: 'off', TR201: 'error', TR111: 'info' });
    assert.equal(invalid.length, 3);
    assert.deepEqual(normalizeRules(['TR104']).rules, {});
    assert.equal(normalizeRules(['TR104']).invalid.length, 1);
    assert.deepEqual(normalizeRules(undefined), { rules: {}, invalid: [] });
  });

  it('checks rule overrides against the .trialreportrc.json schema, and says why one is dropped', () => {
    const { invalid } = normalizeRules({ TR105: 'fatal' });
    assert.deepEqual(invalid, ['trialReport.rules entry TR105: "fatal" ("trialReport.rules.TR105" must be one of error, warning, info, off)']);
    const { warnings } = readSettings((k) => (k === 'rules' ? 'off' : undefined), undefined, true);
    assert.deepEqual(warnings, ['Ignoring trialReport.rules ("trialReport.rules" must be a JSON object).']);
  });

  it('rounding: one of the core\'s values, else charitable', () => {
    assert.equal(readSettings((k) => (k === 'rounding' ? 'half-even' : undefined), undefined, true).settings.rounding, 'half-even');
    assert.equal(readSettings((k) => (k === 'rounding' ? 'bankers' : undefined), undefined, true).settings.rounding, 'charitable');
  });

  describe('trialReport.schema and workspace trust', () => {
    it('trusted: the most specific value wins', () => {
      assert.equal(chooseSchemaSetting({ globalValue: '/u.json', workspaceValue: 'w.json', workspaceFolderValue: 'f.json' }, true).value, 'f.json');
      assert.equal(chooseSchemaSetting({ globalValue: '/u.json', workspaceValue: 'w.json' }, true).value, 'w.json');
      assert.equal(chooseSchemaSetting({ globalValue: '/u.json', workspaceValue: '  ' }, true).value, '/u.json');
      assert.equal(chooseSchemaSetting({ defaultValue: '' }, true).value, undefined);
    });

    it('untrusted: ignores the workspace value and keeps only an absolute user path', () => {
      const ws = chooseSchemaSetting({ workspaceValue: 'evil.schema.json' }, false);
      assert.equal(ws.value, undefined);
      assert.match(ws.ignored ?? '', /once the folder is trusted/);
      const both = chooseSchemaSetting({ globalValue: abs('home', 'u.json'), workspaceFolderValue: 'evil.json' }, false);
      assert.equal(both.value, abs('home', 'u.json'));
      assert.match(both.ignored ?? '', /evil\.json/);
      const rel = chooseSchemaSetting({ globalValue: 'schemas/u.json' }, false);
      assert.equal(rel.value, undefined, 'a relative user path would load a workspace file');
      assert.equal(chooseSchemaSetting({ globalValue: '~/s.json' }, false).value, '~/s.json');
      // Absolute in any OS's form, or a file: URL: one file whatever the workspace.
      for (const user of ['C:\\schemas\\u.json', 'C:/schemas/u.json', '\\\\server\\share\\u.json', 'file:///home/me/u.json']) {
        assert.equal(chooseSchemaSetting({ globalValue: user }, false).value, user, user);
      }
    });

    it('resolves relative paths against the workspace folder', () => {
      assert.deepEqual(resolveSchemaSetting('schemas/h.json', abs('ws'), abs('home')), { path: abs('ws', 'schemas', 'h.json') });
      assert.deepEqual(resolveSchemaSetting('${workspaceFolder}/h.json', abs('ws'), abs('home')), { path: abs('ws', 'h.json') });
      assert.deepEqual(resolveSchemaSetting('~/h.json', abs('ws'), abs('home')), { path: abs('home', 'h.json') });
      assert.deepEqual(resolveSchemaSetting(abs('x', 'h.json'), undefined, abs('home')), { path: abs('x', 'h.json') });
      assert.ok('error' in resolveSchemaSetting('h.json', undefined, abs('home')));
      assert.ok('error' in resolveSchemaSetting('https://example.org/s.json', abs('ws'), abs('home')));
    });

    it('reads Windows paths and file: URLs as the CLI does (src/host/schema-source.ts)', () => {
      assert.deepEqual(resolveSchemaSetting('C:/schemas/h.json', abs('ws'), abs('home')), { path: 'C:\\schemas\\h.json' });
      assert.deepEqual(resolveSchemaSetting(pathToFileURL(abs('x', 'h.json')).href, undefined, abs('home')), { path: abs('x', 'h.json') });
      const noFolder = resolveSchemaSetting('${workspaceFolder}/../h.json', undefined, abs('home'));
      assert.ok('error' in noFolder && noFolder.error.includes('${workspaceFolder}/../h.json'));
      const remote = resolveSchemaSetting('data:application/json,{}', abs('ws'), abs('home'));
      assert.ok('error' in remote && /never fetches/.test(remote.error));
    });
  });

  it('mayBeTrialSummary: *.trial.md or a trial: key in front matter', () => {
    assert.equal(mayBeTrialSummary('/a/x.trial.md', ''), true);
    assert.equal(mayBeTrialSummary('/a/X.TRIAL.MD', ''), true);
    assert.equal(mayBeTrialSummary('/a/README.md', '# Readme\n\ntrial: no front matter\n'), false);
    assert.equal(mayBeTrialSummary('/a/r.md', '---\ntitle: x\n---\n'), false);
    assert.equal(mayBeTrialSummary('/a/r.md', '---\r\ntrial:\r\n  title: x\r\n---\r\n'), true);
    assert.equal(mayBeTrialSummary('/a/r.md', '\uFEFF---\ntrial :\n---\n'), true);
    assert.equal(mayBeTrialSummary(undefined, 'trial:'), false);
    // The text as a function: read only when the name does not decide.
    assert.equal(mayBeTrialSummary('/a/x.trial.md', () => assert.fail('the text is not needed')), true);
    assert.equal(mayBeTrialSummary('/a/r.md', () => '---\ntrial:\n---\n'), true);
    assert.equal(mayBeTrialSummary('/a/r.md', () => '# Readme\n'), false);
  });
});
