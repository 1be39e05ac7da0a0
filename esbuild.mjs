// Bundles the extension, the CLI, the library core and the webview script; with --tests, also
// each unit-test file. Usage: node esbuild.mjs [--production] [--tests] [--watch]
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  loader: { '.json': 'json', '.css': 'text' },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js' },
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2020',
    format: 'iife',
    minify: production,
    sourcemap: false,
    logLevel: 'warning',
    entryPoints: ['src/preview/webview/main.ts'],
    outfile: 'media/preview.js',
  },
];

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'integration' && name !== 'e2e' && name !== 'fixtures') out.push(...testFiles(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

if (tests) {
  rmSync('out/test', { recursive: true, force: true });
  builds.push({ ...node, sourcemap: 'inline', entryPoints: testFiles('test'), outdir: 'out/test', outbase: 'test', external: ['vscode', 'mocha', 'recheck', 'typescript'] });
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
