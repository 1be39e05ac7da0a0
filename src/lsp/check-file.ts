// `trialReport/checkFile`, a request of this server's own: the diagnostics of a file the client
// read from disk without opening it (the VS Code extension's Check Workspace), or of an open
// document as the editor has it. Nothing is published and nothing is kept for an unopened file;
// the client shows the answer where it wants (the extension: its workspace-check collection).
import type { Diagnostic } from 'vscode-languageserver/node';
import { diagnosticsOf } from './diagnostics.js';
import type { Outcome } from './document-checks.js';

export { CHECK_FILE_REQUEST } from './methods.js';

export interface CheckFileParams {
  textDocument: { uri: string };
  /** The file's text, as the client read it (used when the document is not open). */
  text: string;
}

export type CheckFileResult =
  | { kind: 'checked'; diagnostics: Diagnostic[] }
  | { kind: 'not-trial' | 'disabled'; diagnostics: [] }
  | { kind: 'too-large'; diagnostics: []; size: number; max: number };

export function checkFileResult(outcome: Outcome | undefined, uri: string): CheckFileResult {
  if (!outcome || outcome.kind === 'not-trial') return { kind: 'not-trial', diagnostics: [] };
  if (outcome.kind === 'disabled') return { kind: 'disabled', diagnostics: [] };
  if (outcome.kind === 'too-large') return { kind: 'too-large', diagnostics: [], size: outcome.size, max: outcome.max };
  return { kind: 'checked', diagnostics: diagnosticsOf(outcome, uri) };
}
