// Bundles the integration suite for VS Code's extension host: out/integration/index.js (the
// `extensionTestsPath` entry, with mocha inside) and out/integration/suite/*.test.js.
// `vscode` stays external: the extension host provides it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT = path.join(REPO, 'out/integration');
export const WORKSPACE = path.join(REPO, 'test/integration/workspace');

/**
 * The folder the suite opens: a fresh copy of test/integration/workspace plus the seed example
 * (examples/il2-lupus-news.trial.md as seed.trial.md), so the writing-tool tests see the same
 * report as the README's walkthrough without keeping a second copy of it in the repository; and
 * the format 1.1 example (continuous outcomes, participant flow) under its own name.
 */
export function copyWorkspace(dest) {
  fs.cpSync(WORKSPACE, dest, { recursive: true });
  fs.copyFileSync(path.join(REPO, 'examples/il2-lupus-news.trial.md'), path.join(dest, 'seed.trial.md'));
  fs.copyFileSync(path.join(REPO, 'examples/knee-exercise-continuous.trial.md'), path.join(dest, 'knee-exercise-continuous.trial.md'));
}

export async function buildIntegration() {
  const suiteDir = path.join(REPO, 'test/integration/suite');
  const suites = fs.readdirSync(suiteDir).filter((n) => n.endsWith('.test.ts')).map((n) => path.join(suiteDir, n));
  fs.rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(REPO, 'test/integration/index.ts'), ...suites],
    outdir: OUT,
    outbase: path.join(REPO, 'test/integration'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Only mocha's parallel mode (unused here) needs those files.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return path.join(OUT, 'index.js');
}
