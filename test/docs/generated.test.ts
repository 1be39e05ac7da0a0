// The README's rules table, the settings schema in package.json and the rules part of the
// configuration schema are generated from the rules' metadata (scripts/rule-catalogue.ts). This
// fails when any of them drifts: edit the rule's metadata and run `npm run generate`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { RULE_INFO } from '../../src/core/rules/index.js';
import { configRulesSchema, regenerate, rulesTable, settingsRulesSchema } from '../../scripts/rule-catalogue.js';
import { repoRoot } from '../helpers.js';

const read = (p: string): string => fs.readFileSync(path.join(repoRoot(), p), 'utf8');
const files = { readme: read('README.md'), configSchema: read('schemas/trialreportrc.schema.json'), packageJson: read('package.json') };

describe('generated from the rules\' metadata', () => {
  const next = regenerate(files);

  for (const [key, file] of [['readme', 'README.md'], ['configSchema', 'schemas/trialreportrc.schema.json'], ['packageJson', 'package.json']] as const) {
    it(`${file} is up to date (npm run generate)`, () => {
      assert.equal(files[key], next[key], `${file} is out of date: run npm run generate`);
    });
  }

  it('the table has one row per rule, each linking its page', () => {
    const rows = rulesTable().split('\n').filter((l) => l.startsWith('| [TR'));
    assert.deepEqual(rows.map((r) => /^\| \[(TR\d{3})\]\(docs\/rules\/\1\.md\)/.exec(r)?.[1]), RULE_INFO.map((r) => r.id));
  });

  it('every rule has a one-line description, and a fixable flag the table shows', () => {
    for (const r of RULE_INFO) {
      assert.ok(r.description.length > 10 && !r.description.includes('\n'), r.id);
      assert.match(rulesTable(), new RegExp(`\\| \\[${r.id}\\][^\\n]*\\| ${r.fixable ? 'yes' : ''} \\|`));
    }
  });

  it('settings and configuration accept every configurable rule and reject unknown ids and TR900', () => {
    for (const schema of [configRulesSchema(), settingsRulesSchema()]) {
      const validate = new Ajv({ strict: false }).compile(schema);
      assert.ok(validate(Object.fromEntries(RULE_INFO.filter((r) => !r.internal).map((r) => [r.id, 'off']))), JSON.stringify(validate.errors));
      assert.equal(validate({ TR1O4: 'off' }), false, 'a typo in a rule id');
      assert.equal(validate({ TR900: 'off' }), false, 'the internal-error rule cannot be configured');
      assert.equal(validate({ TR104: 'fatal' }), false, 'an unknown severity');
    }
  });

  it('regenerating a stale README puts the table back', () => {
    const stale = { ...files, readme: files.readme.replace(/\| \[TR104\][^\n]*\n/, '') };
    assert.notEqual(stale.readme, files.readme);
    assert.equal(regenerate(stale).readme, files.readme);
  });
});
