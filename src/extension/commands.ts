// The commands beyond the preview: check the whole workspace (with the language server), and export a standalone HTML
// report (the only command that writes a file, and only where the user chose in a save dialog).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SettingsReader } from './documents.js';
import type { Server } from './server-handle.js';
import type { DiagnosticsController } from './diagnostics.js';
import type { Logger } from './log.js';
import { htmlFileName } from './pages.js';
import { type PreviewManager, targetUri } from './preview.js';
import { mayBeTrialSummary } from './settings.js';

const MAX_WORKSPACE_FILES = 20_000;

export function registerCommands(
  context: vscode.ExtensionContext,
  settings: SettingsReader,
  server: Server,
  diagnostics: DiagnosticsController,
  preview: PreviewManager,
  log: Logger,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('trialReport.checkWorkspace', log.guard('Check Workspace', () => checkWorkspace(settings, server, diagnostics, log))),
    vscode.commands.registerCommand('trialReport.exportHtml', log.guard('Export HTML', (uri?: unknown) => exportHtml(context, server, preview, uri, log))),
  ];
}

interface Tally {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  tooLarge: number;
  unreadable: number;
}

/** Checks every trial summary in the workspace with the language server and shows its diagnostics. */
export async function checkWorkspace(settingsReader: SettingsReader, server: Server, diagnostics: DiagnosticsController, log: Logger): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Trial Report: open a folder to check its trial summaries.');
    return;
  }
  if (!settingsReader.settingsFor(undefined).enable) {
    void vscode.window.showInformationMessage('Trial Report: checking is turned off (trialReport.enable).');
    return;
  }
  const tally: Tally = { files: 0, errors: 0, warnings: 0, infos: 0, tooLarge: 0, unreadable: 0 };
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Trial Report: checking the workspace', cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*.{md,markdown}', '**/node_modules/**', MAX_WORKSPACE_FILES, token);
      files.sort((a, b) => a.toString().localeCompare(b.toString()));
      const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      const decoder = new TextDecoder('utf-8');
      for (const [i, uri] of files.entries()) {
        if (token.isCancellationRequested) return true;
        progress.report({ increment: 100 / files.length, message: `${i + 1}/${files.length} ${vscode.workspace.asRelativePath(uri)}` });
        try {
          let text: string;
          const doc = open.get(uri.toString());
          if (doc) {
            text = doc.getText();
          } else {
            const settings = settingsReader.settingsFor(uri);
            const stat = await vscode.workspace.fs.stat(uri);
            if (settings.maxFileSize > 0 && stat.size > settings.maxFileSize) {
              if (/\.trial\.md$/i.test(uri.path)) tally.tooLarge++;
              continue;
            }
            text = decoder.decode(await vscode.workspace.fs.readFile(uri));
            if (!mayBeTrialSummary(uri.path, text)) continue;
          }
          // The server checks it (an open document as the editor has it, and publishes that one itself).
          const { result, diagnostics: found } = await server.checkFile(uri, text);
          if (result.kind === 'too-large') tally.tooLarge++;
          if (result.kind === 'checked') {
            tally.files++;
            for (const d of found) {
              if (d.severity === vscode.DiagnosticSeverity.Error) tally.errors++;
              else if (d.severity === vscode.DiagnosticSeverity.Warning) tally.warnings++;
              else tally.infos++;
            }
          }
          if (!doc) diagnostics.publishUnopened(uri, found, result.kind === 'checked' || result.kind === 'too-large');
        } catch (e) {
          tally.unreadable++;
          log.warn(`Check Workspace: skipped ${uri.toString(true)}: ${(e as Error)?.message ?? String(e)}`);
        }
        // Let the UI (and the Cancel button) breathe between files.
        await new Promise((r) => setImmediate(r));
      }
      return false;
    },
  );
  const parts = [`${tally.files} trial ${tally.files === 1 ? 'summary' : 'summaries'} checked`, `${tally.errors} error(s)`, `${tally.warnings} warning(s)`];
  if (tally.tooLarge) parts.push(`${tally.tooLarge} skipped as larger than trialReport.maxFileSize`);
  if (tally.unreadable) parts.push(`${tally.unreadable} unreadable (see the Trial Report output)`);
  const summary = `Trial Report: ${cancelled ? 'cancelled; ' : ''}${parts.join(', ')}.`;
  log.info(summary);
  const pick = await vscode.window.showInformationMessage(summary, ...(tally.errors + tally.warnings > 0 ? ['Show Problems'] : []));
  if (pick) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Writes the report of a trial summary as one self-contained HTML file the user chooses. */
export async function exportHtml(context: vscode.ExtensionContext, server: Server, preview: PreviewManager, arg: unknown, log: Logger): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : (targetUri(undefined) ?? preview.previewSource);
  if (!uri) {
    void vscode.window.showInformationMessage('Trial Report: open a trial summary to export its report.');
    return;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  const outcome = await server.analysis(doc, doc.isClosed ? doc.getText() : undefined);
  const name = vscode.workspace.asRelativePath(uri);
  if (outcome?.kind !== 'checked') {
    const why =
      outcome?.kind === 'disabled' ? 'checking is turned off (trialReport.enable)'
      : outcome?.kind === 'too-large' ? `it is larger than trialReport.maxFileSize (${outcome.max} bytes)`
      : 'it is not a trial summary';
    void vscode.window.showInformationMessage(`Trial Report: cannot export ${name}: ${why}.`);
    return;
  }
  const defaultUri = uri.scheme === 'file' ? vscode.Uri.file(htmlFileName(uri.fsPath)) : undefined;
  const dest = await vscode.window.showSaveDialog({
    title: 'Export Trial Report as HTML',
    saveLabel: 'Export',
    filters: { HTML: ['html', 'htm'] },
    ...(defaultUri ? { defaultUri } : {}),
  });
  if (!dest) return;
  let css = '';
  try {
    css = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'preview.css')));
  } catch (e) {
    log.warn(`Export HTML: media/preview.css unreadable, exporting without styles: ${(e as Error)?.message ?? String(e)}`);
  }
  const rendered = await server.render(doc, { mode: 'standalone', inlineCss: css, title: path.posix.basename(uri.path) }, 'page', doc.isClosed ? doc.getText() : undefined);
  if (rendered?.kind !== 'checked') {
    void vscode.window.showInformationMessage(`Trial Report: cannot export ${name}: it is no longer a checked trial summary.`);
    return;
  }
  const html = rendered.html;
  await vscode.workspace.fs.writeFile(dest, new TextEncoder().encode(html));
  log.info(`Exported ${name} to ${dest.toString(true)}`);
  const pick = await vscode.window.showInformationMessage(`Trial Report: exported ${path.posix.basename(dest.path)}.`, 'Open in Browser');
  if (pick) await vscode.env.openExternal(dest);
}
