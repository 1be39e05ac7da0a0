// Writes the parts of README.md, package.json and schemas/trialreportrc.schema.json that list the
// rules, from the rules' metadata (scripts/rule-catalogue.ts). `--check` writes nothing and exits
// 1 when a file is out of date (the unit test test/docs/generated.test.ts does the same).
// Usage: node scripts/generate-rules.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

// The catalogue is TypeScript that imports the rules: bundle it in memory and load the result.
const built = await esbuild.build({ entryPoints: [join(root, 'scripts', 'rule-catalogue.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning', loader: { '.json': 'json' } });
const module = { exports: {} };
new Function('module', 'exports', 'require', built.outputFiles[0].text)(module, module.exports, createRequire(join(root, 'scripts', 'x.js')));
const { regenerate } = module.exports;

const paths = { readme: 'README.md', configSchema: 'schemas/trialreportrc.schema.json', packageJson: 'package.json' };
const current = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, readFileSync(join(root, p), 'utf8')]));
const next = regenerate(current);
let stale = 0;
for (const [k, p] of Object.entries(paths)) {
  if (next[k] === current[k]) continue;
  stale++;
  if (check) console.error(`${p} is out of date: run npm run generate`);
  else {
    writeFileSync(join(root, p), next[k]);
    console.log(`wrote ${p}`);
  }
}
if (check && stale) process.exit(1);
if (!stale) console.log('README.md, package.json and schemas/trialreportrc.schema.json are up to date');
