// Entry point of the integration suite inside VS Code's extension host: the `run()` that VS Code
// calls for `extensionTestsPath` (with @vscode/test-electron, and in code-server through the
// workbench's `payload`). Runs mocha over suite/*.test.js with the spec reporter.
//
// Environment (both optional):
//   TRIAL_REPORT_IT_LOG     append the reporter's lines to this file (the code-server runner
//                           streams it to the terminal; the extension host's stdout goes nowhere)
//   TRIAL_REPORT_IT_RESULT  write { passes, failures, pending, timings } as JSON when done
//   TRIAL_REPORT_IT_GREP    run only the tests whose full title matches (run-code-server --grep)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const logFile = process.env['TRIAL_REPORT_IT_LOG'];
  const resultFile = process.env['TRIAL_REPORT_IT_RESULT'];
  const write = (line: string): void => {
    if (logFile) fs.appendFileSync(logFile, line + '\n');
    else process.stdout.write(line + '\n');
  };
  Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => write(format(...args));

  const grep = process.env['TRIAL_REPORT_IT_GREP'];
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 2_000, ...(grep ? { grep } : {}) });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));

  let stats = { passes: 0, failures: 0, pending: 0 };
  let failures: number;
  try {
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((n) => resolve(n));
      runner.on('end', () => {
        stats = { passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 };
      });
    });
  } catch (e) {
    // A suite file that does not even load.
    write(`error loading the suite: ${e instanceof Error ? e.stack : String(e)}`);
    failures = 1;
    stats.failures = 1;
  }
  const timings = (globalThis as { __trialReportTimings?: Record<string, number> }).__trialReportTimings ?? {};
  if (timings['activate'] !== undefined) write(`  trial-report activate(): ${timings['activate'].toFixed(1)} ms (extension.activate(): load dist/extension.js + activate())`);
  else write('  trial-report activate(): the workspace activated the extension before the suite could time it');
  if (timings['activateLoad'] !== undefined && timings['activateCall'] !== undefined) {
    const { activateLoad: load, activateCall: call } = timings;
    write(`  trial-report activate() by VS Code's marks: ${load + call} ms (load dist/extension.js ${load} ms + activate() ${call} ms)`);
  }
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify({ ...stats, failures: Math.max(failures, stats.failures), timings }) + '\n');
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
