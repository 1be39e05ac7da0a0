// `.trialreportrc.json` checked against the shipped schema (src/host/config.ts): one line naming
// the key for each kind of mistake, and the extension's settings checked the same way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROUNDINGS } from '../../src/core/types';
import { parseConfig, readConfigFile, settingProblem, validateConfig } from '../../src/host/config';
import { repoRoot } from '../helpers.js';

const RC = '.trialreportrc.json';

function schemaJson(file: string): { properties: Record<string, { enum?: string[] }> } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), file), 'utf8'));
}

describe('host/config', () => {
  it('accepts a valid configuration as it is', () => {
    const config = { $schema: './schemas/trialreportrc.schema.json', rules: { TR302: 'off', TR104: 'warning' }, schema: './house.schema.json', rounding: 'half-even', reportUnlinked: true };
    assert.deepEqual(validateConfig(config, RC), { config });
    assert.deepEqual(validateConfig({}, RC), { config: {} });
  });

  it('an unknown key: named, with the keys allowed', () => {
    assert.deepEqual(validateConfig({ rule: {} }, RC), { error: `${RC}: unknown key "rule" (allowed: rules, schema, rounding, reportUnlinked)` });
  });

  it('a bad severity names the rule', () => {
    assert.deepEqual(validateConfig({ rules: { TR302: 'loud' } }, RC), { error: `${RC}: "rules.TR302" must be one of error, warning, info, off` });
    assert.deepEqual(validateConfig({ rules: { TR302: 2 } }, RC), { error: `${RC}: "rules.TR302" must be a string` });
  });

  it('a key that is not a rule id', () => {
    const r = validateConfig({ rules: { TR9: 'off' } }, RC);
    assert.ok('error' in r);
    assert.match(r.error, /^\.trialreportrc\.json: (?:"rules\.TR9" is not a valid key|unknown key "rules\.TR9")/);
  });

  it('a bad rounding, a bad reportUnlinked, rules that are not an object, a file that is not an object', () => {
    assert.deepEqual(validateConfig({ rounding: 'up' }, RC), { error: `${RC}: "rounding" must be one of charitable, half-up, half-even` });
    assert.deepEqual(validateConfig({ reportUnlinked: 'yes' }, RC), { error: `${RC}: "reportUnlinked" must be true or false` });
    assert.deepEqual(validateConfig({ rules: ['TR302'] }, RC), { error: `${RC}: "rules" must be a JSON object` });
    assert.deepEqual(validateConfig({ schema: 3 }, RC), { error: `${RC}: "schema" must be a string` });
    assert.deepEqual(validateConfig([], RC), { error: `${RC}: the configuration must be a JSON object` });
    assert.deepEqual(validateConfig(null, RC), { error: `${RC}: the configuration must be a JSON object` });
  });

  it('text that is not JSON; a byte order mark is fine', () => {
    const r = parseConfig('{ "rules": ', RC);
    assert.ok('error' in r);
    assert.match(r.error, /^\.trialreportrc\.json is not JSON: \S/);
    assert.deepEqual(parseConfig('\uFEFF{ "reportUnlinked": true }', RC), { config: { reportUnlinked: true } });
  });

  it('reads a file: missing, not UTF-8, valid', () => {
    const missing = (): Uint8Array => {
      throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    };
    assert.deepEqual(readConfigFile('/x/cfg.json', 'cfg.json', { readFile: missing }), { error: 'cannot read cfg.json: no such file or directory' });
    assert.deepEqual(readConfigFile('/x/cfg.json', 'cfg.json', { readFile: () => Buffer.from('{"a":"\xe9"}', 'latin1') }), { error: 'cfg.json is not valid UTF-8 text' });
    assert.deepEqual(readConfigFile('/x/cfg.json', 'cfg.json', { readFile: () => Buffer.from('{"rounding":"half-up"}') }), { config: { rounding: 'half-up' } });
  });

  it('settingProblem: the extension checks trialReport.* values with the same schema', () => {
    assert.equal(settingProblem('rules', { TR104: 'off' }), undefined);
    assert.equal(settingProblem('rules', { TR104: 'fatal' }), '"trialReport.rules.TR104" must be one of error, warning, info, off');
    assert.equal(settingProblem('rules', 'off'), '"trialReport.rules" must be a JSON object');
    assert.equal(settingProblem('rounding', 'half-up'), undefined);
  });

  it('the rounding values are the core\'s, in the schema and in the trialReport.rounding setting', () => {
    assert.deepEqual(schemaJson('schemas/trialreportrc.schema.json').properties['rounding']?.enum, [...ROUNDINGS]);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
    assert.deepEqual(pkg.contributes.configuration.properties['trialReport.rounding']?.enum, [...ROUNDINGS]);
  });
});
