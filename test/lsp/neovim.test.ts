// The language server in a real LSP editor: Neovim's built-in client (`nvim --headless`, the
// Lua script beside this file) starts `node dist/cli.js lsp --stdio` on the seed example, gets
// its diagnostics, and applies the code action "Replace 60% with 60.5%". Needs `nvim` (Debian:
// `apt-get install -y neovim`, as .ci/run does); skipped, saying so, without it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers.js';
import { type EditorDiagnostic, assertSeedQuickFix, libraryTr104, runEditor, seedExample } from './editor-run.js';

interface NvimDiagnostic extends EditorDiagnostic {
  source: string;
}

interface NvimOut {
  error?: string;
  diagnosticsArrived: boolean;
  tr104: NvimDiagnostic[];
  row: number;
  titles: string[];
  lineAfter: string;
  cleared: boolean;
  tr104After: NvimDiagnostic[];
}

const hasNvim = spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0;

/** The TR104 findings as Neovim shows them (0-based lines and columns, `vim.diagnostic`). */
function tr104(text: string, fileName: string): NvimDiagnostic[] {
  return libraryTr104(text, fileName).map((d) => ({ ...d, source: 'trial-report' }));
}

describe('language server in Neovim (nvim --headless, built-in LSP client)', function () {
  this.timeout(300_000);

  it('shows the seed example’s TR104 findings where the library puts them, and its code action fixes the 60%', async function () {
    if (!hasNvim) {
      console.log('      skipped: nvim is not installed (apt-get install -y neovim)');
      this.skip();
    }
    const root = repoRoot();
    const { seed, text } = seedExample(root);
    const outFile = path.join(os.tmpdir(), `lsp-nvim-${process.pid}-${Date.now()}.json`);
    const { code, logFile } = await runEditor('nvim', 'nvim', ['--headless', '--clean', '-u', 'NONE', '-n', '-c', `luafile ${path.join(root, 'test', 'lsp', 'neovim.lua')}`], root, {
      TRIAL_REPORT_REPO: root,
      TRIAL_REPORT_OUT: outFile,
      TRIAL_REPORT_NODE: process.execPath,
    });
    assert.equal(code, 0, `nvim exited with ${code}; see ${logFile}`);
    const out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as NvimOut;
    fs.rmSync(outFile, { force: true });
    assert.equal(out.error, undefined);
    assertSeedQuickFix(out, text, (t) => tr104(t, seed));
    // Nothing was saved: the example on disk is as it was.
    assert.equal(fs.readFileSync(seed, 'utf8'), text);
  });
});
