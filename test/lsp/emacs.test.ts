// The language server in Emacs with eglot, set up exactly as docs/editors.md says (its snippet is
// loaded as a user's init file would, with the server command pointed at this checkout), driven
// by test/lsp/emacs.el in `emacs --batch`: the seed example's TR104 findings as Flymake shows
// them, the quick fix picked as `M-x eglot-code-actions` offers it, and the documented fix-all.
// Needs Emacs with eglot and markdown-mode (Debian: `apt-get install -y emacs-nox elpa-eglot
// elpa-markdown-mode`, as .ci/run does); skipped, saying so, without them.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { applyEdits, selectFixes } from '../../src/core/fixes.js';
import { repoRoot } from '../helpers.js';
import { type EditorDiagnostic as EmacsDiagnostic, assertSeedQuickFix, libraryTr104 as tr104, runEditor, seedExample } from './editor-run.js';

interface EmacsOut {
  error?: string;
  mode: string;
  connected: boolean;
  diagnosticsArrived: boolean;
  tr104: EmacsDiagnostic[];
  row: number;
  titles: string[];
  lineAfter: string;
  cleared: boolean;
  tr104After: EmacsDiagnostic[];
  fixAllChanged: boolean;
  textAfterFixAll: string;
}

const hasEmacs =
  spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (require 'markdown-mode))"], { stdio: 'ignore' }).status === 0;

/** The Emacs section of docs/editors.md: its init snippet and its fix-all form. */
function documentedSetup(root: string): { snippet: string; fixAll: string } {
  const doc = fs.readFileSync(path.join(root, 'docs', 'editors.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Emacs (eglot)'), doc.indexOf('\n## ', doc.indexOf('## Emacs (eglot)') + 1));
  const snippet = /```elisp\n([\s\S]*?)```/.exec(section)?.[1];
  const fixAll = /fix-all is\s+`(\([^`]+\))`/.exec(section)?.[1];
  assert.ok(snippet && fixAll, 'docs/editors.md has the Emacs snippet and the fix-all form');
  return { snippet, fixAll };
}

describe('language server in Emacs (eglot, emacs --batch)', function () {
  this.timeout(300_000);

  it('with the documented setup, shows the seed example’s TR104 findings, applies the picked quick fix and the documented fix-all', async function () {
    if (!hasEmacs) {
      console.log('      skipped: Emacs with eglot and markdown-mode is not installed (apt-get install -y emacs-nox elpa-eglot elpa-markdown-mode)');
      this.skip();
    }
    const root = repoRoot();
    const { seed, text } = seedExample(root);
    const { snippet, fixAll } = documentedSetup(root);
    // The documented command runs the installed package; here it is this checkout's build.
    const command = '"npx" "--no-install" "trial-report" "lsp" "--stdio"';
    assert.ok(snippet.includes(command), 'the snippet starts the server with npx');
    const stamp = `${process.pid}-${Date.now()}`;
    const snippetFile = path.join(os.tmpdir(), `lsp-emacs-${stamp}.el`);
    fs.writeFileSync(snippetFile, snippet.replace(command, `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(root, 'dist', 'cli.js'))} "lsp" "--stdio"`));
    const outFile = path.join(os.tmpdir(), `lsp-emacs-${stamp}.json`);
    const { code, logFile } = await runEditor('emacs', 'emacs', ['--batch', '-l', path.join(root, 'test', 'lsp', 'emacs.el')], root, {
      TRIAL_REPORT_REPO: root,
      TRIAL_REPORT_OUT: outFile,
      TRIAL_REPORT_SNIPPET: snippetFile,
      TRIAL_REPORT_FIX_ALL: fixAll,
    });
    fs.rmSync(snippetFile, { force: true });
    assert.equal(code, 0, `emacs exited with ${code}; see ${logFile}`);
    const out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as EmacsOut;
    fs.rmSync(outFile, { force: true });
    assert.equal(out.error, undefined, `see ${logFile}`);
    assert.equal(out.mode, 'markdown-mode');
    assert.equal(out.connected, true);
    const edited = assertSeedQuickFix(out, text, (t) => tr104(t, seed));

    // The documented fix-all does what `trial-report --fix` does to the edited text.
    assert.equal(out.fixAllChanged, true);
    const findings = analyzeDocument(edited, { fileName: seed }).findings;
    assert.equal(out.textAfterFixAll, applyEdits(edited, selectFixes(findings, edited).edits));
    // Nothing was saved: the example on disk is as it was.
    assert.equal(fs.readFileSync(seed, 'utf8'), text);
  });
});
