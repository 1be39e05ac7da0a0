// The `trial-report` task's run of the CLI, in a worker thread so a large workspace cannot block
// the extension host: editing.ts starts dist/extension-core.js as a worker with
// `workerData.trialReportCli`, and extension-core.ts calls `serveCli`. No `vscode` here.
import type { MainOptions } from '../cli/main.js';
import type { CliIo } from '../cli/io.js';

/** The `trial-report` task's run of the CLI, in a worker so a large workspace cannot block the host. */
export interface CliJob {
  argv: string[];
  cwd: string;
}

/** Output as it comes, then the exit code. */
export type CliMessage = { out: string } | { exit: number };

export function serveCli(port: { postMessage(m: CliMessage): void }, job: CliJob, cli: { main(o: MainOptions): number; nodeIo: CliIo }): void {
  let code = 2;
  const out = (s: string): void => port.postMessage({ out: s });
  try {
    code = cli.main({ argv: job.argv, stdout: out, stderr: out, io: { ...cli.nodeIo, cwd: () => job.cwd } });
  } catch (e) {
    out(`trial-report: ${(e as Error)?.message ?? String(e)}\n`);
  }
  port.postMessage({ exit: code });
}
