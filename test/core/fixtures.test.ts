// Every fixture's findings must equal its inline expectations exactly: a false positive fails
// as surely as a miss (markdownlint's habit).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../without-tr303.js';
import { actual, expectations, fixturesDir, repoRoot } from '../helpers.js';

function check(file: string): { got: string[]; want: string[]; messages: string } {
  const text = fs.readFileSync(file, 'utf8');
  const { findings } = checkDocument(text, { fileName: file });
  return {
    got: actual(findings),
    want: expectations(text),
    messages: findings.map((f) => `  ${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`).join('\n'),
  };
}

describe('fixtures with inline expectations', () => {
  const dir = fixturesDir();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
  it('has fixtures', () => assert.ok(files.length >= 8, `only ${files.length} fixtures`));
  for (const name of files) {
    it(name, () => {
      const { got, want, messages } = check(path.join(dir, name));
      assert.deepEqual(got, want, `findings differ from the inline expectations:\n${messages}`);
    });
  }
});

describe('bundled examples', () => {
  const dir = path.join(repoRoot(), 'examples');
  it('the consistent example has no findings at all', () => {
    const file = path.join(dir, 'vitamin-d-care-homes.trial.md');
    const { findings } = checkDocument(fs.readFileSync(file, 'utf8'), { fileName: file });
    assert.deepEqual(findings, []);
  });
  it('the news example flags 23% and 60% of 38 patients, naming 9/38 and 23/38', () => {
    const file = path.join(dir, 'il2-lupus-news.trial.md');
    const { findings } = checkDocument(fs.readFileSync(file, 'utf8'), { fileName: file });
    const fm = findings.filter((f) => f.range.start.line < 42);
    assert.deepEqual(
      fm.map((f) => [f.ruleId, f.range.start.line]),
      [
        ['TR104', 38],
        ['TR104', 39],
      ],
    );
    assert.match(fm[0]!.message, /9\/38/);
    assert.match(fm[1]!.message, /23\/38/);
    assert.match(fm[1]!.message, /35, 40, 42 or 43/);
  });
});
