// `npm run fuzz`: the long fuzz campaign; `npm run stress`: the pathological inputs (a 10 MB and a
// 200,000-line report through checkDocument and the CLI) with their timings.
// Bundles test/fuzz/{campaign,stress}.ts with esbuild into out/fuzz/ and runs them.
//
//   npm run fuzz -- [--runs N] [--seconds S] [--seed N] [--no-save] [--out DIR] [--strict]
//   npm run stress -- [--mb 10] [--lines 200000]
//
// Failing fuzz cases are saved under test/fuzz/regressions/ (see its README.md); the exit code is
// 1 when the campaign found a failure, 0 otherwise.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const mode = args[0] === 'stress' ? 'stress' : 'campaign';
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (name) => (flag(name) === undefined ? undefined : Number(flag(name)));

mkdirSync(join(root, 'out', 'fuzz'), { recursive: true });
const outfile = join(root, 'out', 'fuzz', `${mode}.cjs`);
await esbuild.build({
  entryPoints: [join(root, 'test', 'fuzz', `${mode}.ts`)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  loader: { '.json': 'json', '.css': 'text' },
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const mod = require(outfile);
if (mode === 'stress') {
  const r = await mod.runStress({ mb: num('mb'), lines: num('lines'), root });
  process.exitCode = r.ok ? 0 : 1;
} else {
  const r = mod.runCampaign({ runs: num('runs'), seconds: num('seconds'), seed: num('seed'), save: !args.includes('--no-save'), strict: args.includes('--strict'), ...(flag('out') ? { out: flag('out') } : {}) });
  process.exitCode = r.failures.length ? 1 : 0;
}
