// The language server in a real LSP editor: Neovim's built-in client (`nvim --headless`, the
// Lua script beside this file) starts `node dist/cli.js lsp --stdio` on the seed example, gets
// its diagnostics, and applies the code action "Replace 60% with 60.5%". Needs `nvim` (Debian:
// `apt-get install -y neovim`, as .ci/run does); skipped, saying so, without it.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../../src/core/check.js';
import { repoRoot } from '../helpers.js';

interface NvimDiagnostic {
  line: number;
  character: number;
  end_line: number;
  end_character: number;
  message: string;
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
  return analyzeDocument(text, { fileName })
    .findings.filter((f) => f.ruleId === 'TR104')
    .map((f) => ({ line: f.range.start.line - 1, character: f.range.start.column - 1, end_line: f.range.end.line - 1, end_character: f.range.end.column - 1, message: f.message, source: 'trial-report' }))
    .sort((a, b) => a.line - b.line || a.character - b.character);
}

describe('language server in Neovim (nvim --headless, built-in LSP client)', function () {
  this.timeout(300_000);

  it('shows the seed example’s TR104 findings where the library puts them, and its code action fixes the 60%', async function () {
    if (!hasNvim) {
      console.log('      skipped: nvim is not installed (apt-get install -y neovim)');
      this.skip();
    }
    const root = repoRoot();
    const seed = path.join(root, 'examples', 'il2-lupus-news.trial.md');
    const text = fs.readFileSync(seed, 'utf8');
    const outFile = path.join(os.tmpdir(), `lsp-nvim-${process.pid}-${Date.now()}.json`);
    const logFile = path.join(os.tmpdir(), `lsp-nvim-${process.pid}-${Date.now()}.log`);
    const log = fs.openSync(logFile, 'w');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('nvim', ['--headless', '--clean', '-u', 'NONE', '-n', '-c', `luafile ${path.join(root, 'test', 'lsp', 'neovim.lua')}`], {
        cwd: root,
        env: { ...process.env, TRIAL_REPORT_REPO: root, TRIAL_REPORT_OUT: outFile, TRIAL_REPORT_NODE: process.execPath },
        stdio: ['ignore', log, log],
      });
      child.on('exit', resolve);
    });
    fs.closeSync(log);
    assert.equal(code, 0, `nvim exited with ${code}; see ${logFile}`);
    const out = JSON.parse(fs.readFileSync(outFile, 'utf8')) as NvimOut;
    fs.rmSync(outFile, { force: true });
    assert.equal(out.error, undefined);
    assert.equal(out.diagnosticsArrived, true);
    assert.deepEqual(out.tr104, tr104(text, seed));
    assert.equal(out.tr104.length, 4);

    const lines = text.split('\n');
    assert.ok(lines[out.row]!.includes('reached by 60% of patients'));
    assert.deepEqual(out.titles, ['Replace 60% with 60.5%', 'Replace 60% with 61%', 'Suppress TR104 here with a justification comment', 'Fix all TR104 problems in this file (4)']);
    assert.equal(out.lineAfter, lines[out.row]!.replace('60% of patients', '60.5% of patients'));
    assert.equal(out.cleared, true);
    lines[out.row] = out.lineAfter;
    assert.deepEqual(out.tr104After, tr104(lines.join('\n'), seed));
    assert.equal(out.tr104After.length, 3);
    // Nothing was saved: the example on disk is as it was.
    assert.equal(fs.readFileSync(seed, 'utf8'), text);
  });
});
