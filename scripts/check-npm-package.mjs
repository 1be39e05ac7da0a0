#!/usr/bin/env node
// Verifies the npm package ships only what runs, as check-vsix.mjs does for the VSIX: packs it
// (`npm pack`, which runs `prepare`: a minified build, see esbuild.mjs, and the type declarations), fails if a
// source, test, map or picture slipped in, a runtime file is missing, it declares runtime
// dependencies (everything is bundled) or it grows past its size budget; then installs the
// tarball into an empty project, offline, and runs what a user would: the CLI on an example and
// the library's checkDocument.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const REQUIRED = ['package.json', 'bin/trial-report.js', 'dist/cli.js', 'dist/core.js', 'dist/types/src/core/index.d.ts', 'schemas/trial-summary.schema.json', 'schemas/trialreportrc.schema.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/format.md', 'docs/rules/README.md', 'docs/rules/TR104.md'];
const ALLOWED = [/^(package\.json|README\.md|CHANGELOG\.md|LICENSE)$/, /^bin\/trial-report\.js$/, /^dist\/(cli|core)\.js$/, /^dist\/types\/.+\.d\.ts$/, /^schemas\/[\w.-]+\.json$/, /^docs\/[\w.-]+\.md$/, /^docs\/rules\/(TR\d{3}|README)\.md$/];
/**
 * Packed and installed size budgets (bytes): the minified bundles are most of it. The language
 * server (`trial-report lsp`, vscode-languageserver bundled into dist/cli.js) added about 44 KB
 * packed: 666 KB → 710 KB.
 */
const MAX_PACKED = 760 * 1024;
const MAX_UNPACKED = 2.5 * 1024 * 1024;

const problems = [];
const work = mkdtempSync(join(tmpdir(), 'trial-report-npm-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [pack] = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  const names = pack.files.map((f) => f.path);
  for (const n of names) if (!ALLOWED.some((re) => re.test(n))) problems.push(`not a runtime file: ${n}`);
  for (const n of REQUIRED) if (!names.includes(n)) problems.push(`missing: ${n}`);
  if (pack.size > MAX_PACKED) problems.push(`tarball is ${pack.size} bytes, over ${MAX_PACKED}`);
  if (pack.unpackedSize > MAX_UNPACKED) problems.push(`unpacked size is ${pack.unpackedSize} bytes, over ${MAX_UNPACKED}`);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
    if (manifest[key] && Object.keys(manifest[key]).length) problems.push(`package.json declares ${key} (${Object.keys(manifest[key]).join(', ')}); the bundles need none`);
  }
  console.log(`check-npm-package: ${pack.filename}: ${names.length} files, ${(pack.size / 1024).toFixed(0)} KB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KB unpacked`);

  // Install it as a user would, with no network: nothing to fetch, since nothing is declared.
  const project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, pack.filename)], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  const example = join(root, 'examples', 'il2-lupus-news.trial.md');
  const cli = spawnSync(process.execPath, [join(project, 'node_modules', 'trial-report', 'bin', 'trial-report.js'), 'check', '--format', 'json', example], { cwd: project, encoding: 'utf8' });
  const report = cli.status === 0 ? JSON.parse(cli.stdout) : undefined;
  if (!report || !report.files[0].findings.some((f) => f.ruleId === 'TR104' && f.fixes?.length)) problems.push(`the installed CLI did not report the example's TR104 with a fix (exit ${cli.status}): ${cli.stderr}`);
  const lib = spawnSync(process.execPath, ['-e', "const { checkDocument } = require('trial-report'); const r = checkDocument('---\\ntrial:\\n  title: T\\n  randomized: 3\\narms:\\n  - { id: a, label: A, randomized: 2 }\\n---\\n', { fileName: 'x.trial.md' }); process.stdout.write(r.findings.map((f) => f.ruleId).join(','));"], { cwd: project, encoding: 'utf8' });
  if (lib.status !== 0 || !lib.stdout.split(',').includes('TR101')) problems.push(`require('trial-report').checkDocument did not report TR101: ${lib.stdout} ${lib.stderr}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length) {
  for (const p of problems) console.error(`check-npm-package: ${p}`);
  process.exit(1);
}
console.log('check-npm-package: the package holds only what runs, installs offline, and its CLI and library work');
