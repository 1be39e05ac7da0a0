// Which documents are the extension's (Markdown in the user's own schemes: the language
// client's document selector) and their `trialReport.*` settings as the client reads them (Check
// Workspace, the maxFileSize note). The checks themselves are the language server's (client.ts).
import * as vscode from 'vscode';
import type { Logger } from './log.js';
import { readSettings, type TrialReportSettings } from './settings.js';

/** Schemes whose Markdown documents are the user's own files (not git diffs, output, …). */
export const CHECKED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata']);

export function isCheckableMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && CHECKED_SCHEMES.has(doc.uri.scheme);
}

export class SettingsReader {
  constructor(private readonly log: Logger) {}

  settingsFor(uri: vscode.Uri | undefined): TrialReportSettings {
    const config = vscode.workspace.getConfiguration('trialReport', uri ? { uri, languageId: 'markdown' } : undefined);
    const { settings, warnings } = readSettings((k) => config.get(k), config.inspect('schema'), vscode.workspace.isTrusted);
    for (const w of warnings) this.log.warnOnce(w, w);
    return settings;
  }
}
