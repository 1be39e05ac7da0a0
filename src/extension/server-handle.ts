// The language client, loaded after activation returns. vscode-languageclient is most of what
// activation would otherwise load (dist/extension.js was 414 KB with it, and activation took
// 114–259 ms), so client.ts is a bundle of its own, dist/extension-client.js, required on the next
// turn of the event loop; every request to the server waits for it. Documents already open then
// reach the server as the client starts, as any language client's do.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { ServerClient } from './client.js';
import type { Logger } from './log.js';

/** What the rest of the extension asks the language server (client.ts). */
export type Server = Pick<ServerClient, 'analysis' | 'render' | 'checkFile' | 'fixAllEdit' | 'restart'>;

/** dist/extension-client.js, beside this bundle. */
const CLIENT_SCRIPT = path.join(__dirname, 'extension-client.js');

export class LazyServer implements Server, vscode.Disposable {
  private readonly ready: Promise<ServerClient | undefined>;
  private disposed = false;

  constructor(context: vscode.ExtensionContext, log: Logger) {
    this.ready = new Promise((resolve) =>
      setImmediate(() => {
        if (this.disposed) return resolve(undefined);
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time, a bundle of its own
          const { ServerClient: Client } = require(CLIENT_SCRIPT) as typeof import('./client.js');
          resolve(new Client(context, log));
        } catch (e) {
          log.error('Loading the Trial Report language client', e);
          resolve(undefined);
        }
      }),
    );
  }

  private async server(): Promise<ServerClient> {
    const s = await this.ready;
    if (!s) throw new Error('The Trial Report language server is not running (see the Trial Report output).');
    return s;
  }

  analysis: Server['analysis'] = async (...args) => (await this.server()).analysis(...args);
  render: Server['render'] = async (...args) => (await this.server()).render(...args);
  checkFile: Server['checkFile'] = async (...args) => (await this.server()).checkFile(...args);
  fixAllEdit: Server['fixAllEdit'] = async (...args) => (await this.server()).fixAllEdit(...args);
  restart: Server['restart'] = async () => (await this.server()).restart();

  dispose(): void {
    this.disposed = true;
    void this.ready.then((s) => s?.dispose());
  }
}
