// The `trial-report` task's run of the CLI (src/extension/cli-task.ts): a worker thread running
// the built dist/extension-core.js, as the task starts it.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CliMessage } from '../../src/extension/cli-task.js';
import { repoRoot } from '../helpers.js';

describe('extension/cli-task: the task runs the CLI off the extension host thread', () => {
  it("runs the task's CLI in a worker: its output as it comes, then the CLI's exit code", async function () {
    this.timeout(30_000);
    const run = (argv: string[]) => new Promise<{ out: string; exit: number }>((resolve, reject) => {
      let out = '';
      const w = new Worker(path.join(repoRoot(), 'dist/extension-core.js'), { workerData: { trialReportCli: { argv, cwd: repoRoot() } } });
      w.on('message', (m: CliMessage) => {
        if ('out' in m) out += m.out;
        else resolve({ out, exit: m.exit });
      });
      w.on('error', reject);
    });
    const seedRun = await run(['check', '--format', 'text', 'examples/il2-lupus-news.trial.md']);
    assert.equal(seedRun.exit, 0, seedRun.out);
    assert.equal(seedRun.out.split('\n').filter((l) => /^examples\/il2-lupus-news\.trial\.md:\d+:\d+\s+warning\s+TR104\s/.test(l)).length, 4, seedRun.out);
    const missing = await run(['check', 'no/such/file.trial.md']);
    assert.equal(missing.exit, 2, missing.out);
  });
});
