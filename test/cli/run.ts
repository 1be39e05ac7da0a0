// The CLI through main() with the real file system rooted at `cwd`, output captured: shared by
// the CLI tests.
import { nodeIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export function runCli(cwd: string, ...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main({ argv, stdout: (s) => (out += s), stderr: (s) => (err += s), io: { ...nodeIo, cwd: () => cwd }, version: '9.9.9' });
  return { code, out, err };
}
