#!/usr/bin/env node
// Runs the integration suite with @vscode/test-electron: downloads VS Code (needs
// update.code.visualstudio.com, so NOT on our CI, which has no internet), installs the packaged
// trial-report.vsix into a throw-away extensions folder and runs out/integration/index.js in
// its extension host on a copy of test/integration/workspace. The same suite runs here inside
// code-server: test/integration/run-code-server.mjs (`npm run test:integration`).
//
//   npm run test:integration:electron        (xvfb-run -a npm run ... on a Linux box without a display)
//   env: VSCODE_VERSION=stable|insiders|1.9x.y (default stable)
//        TRIAL_REPORT_VSIX=file.vsix (default: package the working tree first)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { ensureVsix, installedExtensionDir } from '../../scripts/e2e-lib/prepare.mjs';
import { buildIntegration, copyWorkspace } from './build.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-report-it-electron-'));
let code = 1;
try {
  const vsix = ensureVsix();
  const extensionTestsPath = await buildIntegration();
  const workspace = path.join(tmp, 'workspace');
  copyWorkspace(workspace);
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'update.mode': 'none', 'telemetry.telemetryLevel': 'off', 'git.enabled': false }));

  const vscodeExecutablePath = await downloadAndUnzipVSCode(process.env.VSCODE_VERSION || 'stable');
  // Install the VSIX, then hand its extracted folder to VS Code as the development extension,
  // so the suite tests what ships (as the code-server runner does).
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
  const r = spawnSync(cli, [...cliArgs, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], { stdio: 'inherit', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status})`);

  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: installedExtensionDir(extensionsDir),
    extensionTestsPath,
    // The reporter writes to the extension host's stdout, which test-electron shows here.
    extensionTestsEnv: { TRIAL_REPORT_IT_RESULT: path.join(tmp, 'result.json') },
    launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (e) {
  console.error(`[integration:electron] FAILED: ${e instanceof Error ? e.message : String(e)}`);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
