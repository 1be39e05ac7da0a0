// Messages between the preview webview and the extension host, in one module the way VS Code's
// Markdown preview keeps them (docs/architecture.md). Both sides validate what they receive: a webview is
// another process, so a message is untrusted data until a guard has accepted it.

/** Host → webview: replace the report (HTML rendered and sanitised by the host). */
export interface UpdateMessage {
  type: 'update';
  /** Inner HTML of the report container, from `renderReportBody`. */
  html: string;
  /** Document version the HTML was rendered from; older updates are ignored. */
  version: number;
}

/**
 * Host → webview: the editor scrolled; put this 1-based source line (fractional: 12.5 is half
 * way through line 12) at the top of the preview.
 */
export interface ScrollToMessage {
  type: 'scrollTo';
  line: number;
}

export type HostToWebview = UpdateMessage | ScrollToMessage;

/** Webview → host: the user clicked a problem or a marked finding; reveal it in the editor. */
export interface RevealMessage {
  type: 'reveal';
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** The document version the clicked HTML was rendered from; stale reveals are ignored. */
  version: number;
}

/** Webview → host: the script has loaded and listens for messages. */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * Webview → host: the user scrolled the preview; this 1-based source line (fractional) is now at
 * its top, so the editor may follow. Sent only for scrolls the user made, never for scrolls the
 * host asked for, so the two never chase each other.
 */
export interface ScrolledMessage {
  type: 'scrolled';
  line: number;
  version: number;
}

export type WebviewToHost = RevealMessage | ReadyMessage | ScrolledMessage;

/** Largest line a message may name (a document has fewer lines than this). */
export const MAX_LINE = 10_000_000;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A 1-based line or column: a positive safe integer. */
function isPosition(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
}

/** A 1-based line that may be fractional (scroll sync). */
function isLine(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 1 && x <= MAX_LINE;
}

function isVersion(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function hasOnlyKeys(x: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(x).every((k) => keys.includes(k));
}

/** Accepts exactly the messages a preview webview may send; anything else is rejected. */
export function isWebviewMessage(x: unknown): x is WebviewToHost {
  if (!isRecord(x)) return false;
  switch (x['type']) {
    case 'reveal':
      return hasOnlyKeys(x, ['type', 'line', 'column', 'version']) && isPosition(x['line']) && isPosition(x['column']) && isVersion(x['version']);
    case 'ready':
      return hasOnlyKeys(x, ['type']);
    case 'scrolled':
      return hasOnlyKeys(x, ['type', 'line', 'version']) && isLine(x['line']) && isVersion(x['version']);
    default:
      return false;
  }
}

/** Accepts exactly the messages the host sends to a preview webview. */
export function isHostMessage(x: unknown): x is HostToWebview {
  if (!isRecord(x)) return false;
  switch (x['type']) {
    case 'update':
      return hasOnlyKeys(x, ['type', 'html', 'version']) && typeof x['html'] === 'string' && isVersion(x['version']);
    case 'scrollTo':
      return hasOnlyKeys(x, ['type', 'line']) && isLine(x['line']);
    default:
      return false;
  }
}
