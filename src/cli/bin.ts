// The `trial-report` executable: a thin shell over main() (docs/architecture.md).
import { version } from '../../package.json';
import { startLanguageServer } from '../lsp/server.js';
import { main } from './main.js';

try {
  process.exitCode = main({
    argv: process.argv.slice(2),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    version,
    serveLanguageServer: () => startLanguageServer(process.stdin, process.stdout, version),
  });
} catch (e) {
  // A programmer error, not a user mistake: one line, and where to report it.
  process.stderr.write(`trial-report: internal error: ${(e as Error)?.message ?? String(e)}\nPlease report this with the file that caused it.\n`);
  process.exitCode = 2;
}
