// `trialReport.*` settings for the language server: asked of the client with
// `workspace/configuration` (section `trialReport`, scoped to the document), or taken from the
// last `workspace/didChangeConfiguration` push when the client cannot be asked. Read through the
// extension's own mapping (settings.ts), so values are checked and clamped the same way. The
// client cannot say where a `trialReport.schema` value comes from, so an untrusted workspace
// treats it as the workspace's: ignored until trusted, as in VS Code's Restricted Mode.
import type { Connection } from 'vscode-languageserver/node';
import { readSettings, type TrialReportSettings } from '../extension/settings.js';
import type { ServerLog } from './guard.js';

export class SettingsSource {
  private readonly cache = new Map<string, Promise<TrialReportSettings>>();
  /** The `trialReport` object of the last didChangeConfiguration, for clients without `workspace/configuration`. */
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly log: ServerLog,
    private readonly options: { canAsk: boolean; trusted: boolean },
  ) {}

  /** The settings for a document (asked once per document until `reset`). */
  get(uri: string): Promise<TrialReportSettings> {
    let hit = this.cache.get(uri);
    if (!hit) {
      hit = this.read(uri);
      this.cache.set(uri, hit);
      // A failed request is not remembered: the next check asks again.
      hit.catch(() => this.cache.delete(uri));
    }
    return hit;
  }

  /** Settings changed: forget them all; `settings` is the notification's payload. */
  reset(settings: unknown): void {
    this.cache.clear();
    const section = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['trialReport'] : undefined;
    if (section !== undefined) this.pushed = section;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async read(uri: string): Promise<TrialReportSettings> {
    let section: unknown = this.pushed;
    if (this.options.canAsk) {
      try {
        section = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'trialReport' });
      } catch (e) {
        this.log.warnOnce('configuration', `workspace/configuration failed; using defaults: ${(e as Error)?.message ?? String(e)}`);
      }
    }
    const values = typeof section === 'object' && section !== null && !Array.isArray(section) ? (section as Record<string, unknown>) : {};
    const { settings, warnings } = readSettings((k) => values[k], { workspaceValue: values['schema'] }, this.options.trusted);
    for (const w of warnings) this.log.warnOnce(w, w);
    return settings;
  }
}
