// Shared preparation for the suites that run a real VS Code (test/integration, test/e2e):
// provision the toolchain (scripts/setup-e2e.sh: a no-op in under a second once done) and
// package the extension, so `npm run test:integration` / `test:e2e` work on their own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadE2EEnv, log } from './vscode.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs scripts/setup-e2e.sh (idempotent; it installs chromium etc. with apt as root on a fresh
 * Debian machine and fails with a clear message elsewhere), then returns the E2E_* paths.
 * TRIAL_REPORT_E2E_SKIP_SETUP=1 skips the script (the cache must then be provisioned already).
 */
export function ensureE2EEnv() {
  if (process.env.TRIAL_REPORT_E2E_SKIP_SETUP !== '1') {
    // stdout to our stderr: the suites' stdout is their report.
    const r = spawnSync('bash', [path.join(REPO, 'scripts/setup-e2e.sh')], { stdio: ['ignore', 2, 2], timeout: 30 * 60_000, killSignal: 'SIGKILL' });
    if (r.error) throw new Error(`scripts/setup-e2e.sh: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`scripts/setup-e2e.sh failed (exit ${r.status}); the suites need its toolchain`);
  }
  return loadE2EEnv();
}

/**
 * The VSIX under test: $TRIAL_REPORT_VSIX when set (e.g. to try a broken build), otherwise a
 * fresh `npm run package` (about 2 s) so the suite never tests a stale trial-report.vsix.
 */
let packaged; // one `npm run package` per process (the e2e suite opens two sessions)
export function ensureVsix() {
  if (packaged) return packaged;
  const given = process.env.TRIAL_REPORT_VSIX;
  if (given) {
    const p = path.resolve(given);
    if (!fs.existsSync(p)) throw new Error(`TRIAL_REPORT_VSIX=${given}: no such file`);
    log(`testing the VSIX ${p} (TRIAL_REPORT_VSIX)`);
    return p;
  }
  log('packaging the extension (npm run package)');
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60_000, killSignal: 'SIGKILL' });
  if (r.error || r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`npm run package failed (${r.error?.message ?? `exit ${r.status}`})`);
  }
  packaged = path.join(REPO, 'trial-report.vsix');
  return packaged;
}

/** The folder code-server extracted an installed VSIX into. */
export function installedExtensionDir(extensionsDir, id = 'trial-report.trial-report') {
  const name = fs.readdirSync(extensionsDir).find((n) => n.toLowerCase().startsWith(`${id}-`) && fs.statSync(path.join(extensionsDir, n)).isDirectory());
  if (!name) throw new Error(`${id} is not installed in ${extensionsDir}`);
  return path.join(extensionsDir, name);
}
