// Entry point of the VS Code extension. Activation only registers listeners and commands; the
// checker itself (remark, ajv, …) is a bundle of its own, loaded on the first check (lazy.ts).
import * as vscode from 'vscode';
import { Analyzer } from './analyzer.js';
import { registerCommands } from './commands.js';
import { DiagnosticsController } from './diagnostics.js';
import { registerEditing } from './editing.js';
import { CORE_SCRIPT } from './lazy.js';
import { Logger } from './log.js';
import { PreviewManager } from './preview.js';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Logger();
  context.subscriptions.push(log);
  try {
    // Large documents are checked in a worker thread running the lazily loaded bundle.
    const analyzer = new Analyzer(log, CORE_SCRIPT);
    context.subscriptions.push(analyzer);
    const diagnostics = new DiagnosticsController(context.extensionUri, analyzer, log);
    const preview = new PreviewManager(context, analyzer, log);
    context.subscriptions.push(diagnostics, preview);
    preview.register();
    context.subscriptions.push(...registerCommands(context, analyzer, diagnostics, preview, log));
    // Quick fixes, hovers, completion, new report, checklist view, status bar, task type (issue 6).
    context.subscriptions.push(...registerEditing(context, analyzer, diagnostics, log));

    const recheck = (): void => {
      diagnostics.onSettingsChanged();
      preview.refresh();
    };
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration(log.guard('settings change', (e: vscode.ConfigurationChangeEvent) => {
        if (e.affectsConfiguration('trialReport')) recheck();
      })),
      // Trust granted: the custom schemas may now be loaded.
      vscode.workspace.onDidGrantWorkspaceTrust(log.guard('workspace trust', () => {
        log.info('Workspace trusted: custom schemas are now loaded.');
        recheck();
      })),
    );
    diagnostics.start();
    log.info(`Trial Report activated (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode: custom schemas are not loaded'}).`);
  } catch (e) {
    log.error('Activating Trial Report', e);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
