// The rule pages in docs/rules/ are what a diagnostic's code links to, so their examples are
// executable: every page's ```markdown fails TRxxx``` document must raise TRxxx, and its
// ```markdown passes TRxxx``` document must raise neither TRxxx nor any error or warning.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument, RULE_INFO } from '../../src/core/index.js';
import type { CheckOptions, Finding } from '../../src/core/index.js';
import { repoRoot } from '../helpers.js';

const rulesDir = path.join(repoRoot(), 'docs', 'rules');

interface Example {
  kind: 'fails' | 'passes';
  ruleId: string;
  text: string;
  /** 1-based line of the opening fence in the page, for messages. */
  line: number;
}

/** Every ```markdown fails|passes TRxxx``` block of a page, with its content verbatim. */
function examplesOf(page: string): Example[] {
  const lines = page.split(/\r?\n/);
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})markdown\s+(fails|passes)\s+(TR\d{3})\s*$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j]!.startsWith(fence) && lines[j]!.trim() === fence)) body.push(lines[j++]!);
    assert.ok(j < lines.length, `the ${open[2]} ${open[3]} example opened on line ${i + 1} is never closed`);
    out.push({ kind: open[2] as Example['kind'], ruleId: open[3]!, text: `${body.join('\n')}\n`, line: i + 1 });
    i = j;
  }
  return out;
}

/**
 * What a host passes so a document's `$schema` can be read (the CLI and the extension do the
 * same): a local path relative to the document, here the rule page's folder. Only TR203's
 * examples name a schema.
 */
const loadSchema: NonNullable<CheckOptions['loadSchema']> = (ref) => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return { error: `The schema ${ref} is not local; trial-report never fetches schemas.` };
  const file = path.resolve(rulesDir, ref);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { error: `Cannot read the schema ${ref}: no such file or directory.` };
  }
  try {
    const schema: unknown = JSON.parse(text);
    return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? { schema } : { error: `The schema ${ref} is not a JSON object.` };
  } catch (e) {
    return { error: `The schema ${ref} is not JSON: ${(e as Error).message}.` };
  }
};

function check(text: string): Finding[] {
  // reportUnlinked only enables TR199 (off by default), whose page needs it to show anything.
  return checkDocument(text, { fileName: 'example.trial.md', loadSchema, reportUnlinked: true }).findings;
}

function show(findings: Finding[]): string {
  return findings.length ? findings.map((f) => `  ${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.severity}: ${f.message}`).join('\n') : '  (no findings)';
}

describe('rule documentation (docs/rules)', () => {
  const pages = fs.existsSync(rulesDir) ? fs.readdirSync(rulesDir).filter((f) => /^TR\d{3}\.md$/.test(f)) : [];

  it('has a page for every rule id the tool reports', () => {
    const missing = RULE_INFO.map((r) => r.id).filter((id) => !pages.includes(`${id}.md`));
    assert.deepEqual(missing, [], `rules without a page in docs/rules: ${missing.join(', ')}`);
  });

  it('has no page for a rule id the tool does not report', () => {
    const known = new Set(RULE_INFO.map((r) => `${r.id}.md`));
    assert.deepEqual(pages.filter((p) => !known.has(p)), []);
  });

  for (const rule of RULE_INFO) {
    describe(`${rule.id} ${rule.alias}`, () => {
      const file = path.join(rulesDir, `${rule.id}.md`);
      const page = (): string => fs.readFileSync(file, 'utf8');
      const examples = (): Example[] => examplesOf(page());

      if (rule.internal) {
        // Raised on a fault of the engine, never by a document: no example can raise it.
        it('is titled, states its severity, says it cannot be turned off and has no example', () => {
          const text = page();
          assert.equal(text.split(/\r?\n/)[0], `# ${rule.id} ${rule.alias}`);
          assert.match(text, new RegExp(`^\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\b`, 'm'));
          assert.match(text, /Cannot be turned off/);
          for (const heading of ['What it checks', 'Why it matters', 'How to fix']) assert.match(text, new RegExp(`^## ${heading}\\s*$`, 'm'));
          assert.deepEqual(examples(), []);
        });
        return;
      }

      it('is titled with its id and alias and states its default severity', () => {
        const text = page();
        assert.equal(text.split(/\r?\n/)[0], `# ${rule.id} ${rule.alias}`);
        assert.match(text, new RegExp(`^\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\b`, 'm'), `the page must say "**Default severity:** ${rule.defaultSeverity}"`);
        for (const heading of ['What it checks', 'Why it matters', 'How it decides', 'How to fix', 'Options', 'Examples']) {
          assert.match(text, new RegExp(`^## ${heading}\\s*$`, 'm'), `missing section "## ${heading}"`);
        }
        assert.match(text, new RegExp(`trial-report-disable-next-line ${rule.id} -- `), 'the Options section shows how to suppress this rule with a justification');
      });

      it('has a failing and a passing example of this rule only', () => {
        const ex = examples();
        assert.ok(ex.some((e) => e.kind === 'fails'), 'no ```markdown fails block');
        assert.ok(ex.some((e) => e.kind === 'passes'), 'no ```markdown passes block');
        for (const e of ex) assert.equal(e.ruleId, rule.id, `the example on line ${e.line} is tagged ${e.ruleId}`);
      });

      it(`the failing example raises ${rule.id}`, () => {
        for (const e of examples().filter((x) => x.kind === 'fails')) {
          const findings = check(e.text);
          assert.ok(
            findings.some((f) => f.ruleId === rule.id),
            `the failing example on line ${e.line} of docs/rules/${rule.id}.md raised no ${rule.id}:\n${show(findings)}`,
          );
        }
      });

      it(`the passing example raises no ${rule.id} and no error or warning`, () => {
        for (const e of examples().filter((x) => x.kind === 'passes')) {
          const findings = check(e.text);
          const bad = findings.filter((f) => f.ruleId === rule.id || f.severity === 'error' || f.severity === 'warning');
          assert.deepEqual(bad, [], `the passing example on line ${e.line} of docs/rules/${rule.id}.md:\n${show(bad)}`);
        }
      });
    });
  }
});
