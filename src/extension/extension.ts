// Entry point of the VS Code extension: the language server's client (client.ts) for
// diagnostics, quick fixes, hovers and completion, plus what stays in the client (the preview,
// the Reporting Checklist, the status bar, the task, Export as HTML, New Report, Check Workspace).
// Activation only registers listeners and commands; the language client (a bundle of its own)
// loads on the next turn and starts the server's process, which runs the checker (the preview
// and the checklist ask it too). The checker is never loaded into the extension host.
import * as vscode from 'vscode';
import { LazyServer } from './server-handle.js';
import { registerCommands } from './commands.js';
import { DiagnosticsController } from './diagnostics.js';
import { SettingsReader } from './documents.js';
import { registerEditing } from './editing.js';
import { Logger } from './log.js';
import { PreviewManager } from './preview.js';

export function activate(context: vscode.ExtensionContext): void {
  const log = new Logger();
  context.subscriptions.push(log);
  try {
    // The language client loads after activation returns (server-handle.ts).
    const server = new LazyServer(context, log);
    context.subscriptions.push(server);
    const settings = new SettingsReader(log);
    const diagnostics = new DiagnosticsController(settings, log);
    const preview = new PreviewManager(context, server, log);
    context.subscriptions.push(diagnostics, preview);
    preview.register();
    context.subscriptions.push(...registerCommands(context, settings, server, diagnostics, preview, log));
    // Fix All, new report, checklist view, status bar, task type (issue 6).
    context.subscriptions.push(...registerEditing(context, server, log));

    const recheck = (): void => {
      diagnostics.onSettingsChanged();
      preview.refresh();
    };
    context.subscriptions.push(
      // The server follows `trialReport` itself (the client synchronizes the section).
      vscode.workspace.onDidChangeConfiguration(log.guard('settings change', (e: vscode.ConfigurationChangeEvent) => {
        if (e.affectsConfiguration('trialReport')) recheck();
      })),
      // A saved JSON file may be a custom schema a trial summary uses: the preview reads it again.
      vscode.workspace.onDidSaveTextDocument(log.guard('schema saved', (doc: vscode.TextDocument) => {
        if (doc.languageId === 'json' || doc.languageId === 'jsonc' || doc.fileName.endsWith('.json')) recheck();
      })),
      // Trust granted: the custom schemas may now be loaded; the server is started again, trusted.
      vscode.workspace.onDidGrantWorkspaceTrust(log.guard('workspace trust', async () => {
        log.info('Workspace trusted: custom schemas are now loaded.');
        recheck();
        await server.restart();
      })),
    );
    diagnostics.start();
    log.info(`Trial Report activated (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode: custom schemas are not loaded'}).`);
  } catch (e) {
    log.error('Activating Trial Report', e);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the client stops the server).
}
