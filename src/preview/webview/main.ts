/// <reference lib="dom" />
// The preview webview's script (bundled to media/preview.js). It only scrolls, highlights and
// posts clicks back (docs/architecture.md): all HTML is rendered and sanitised by the host.
//
// Scroll sync works the way VS Code's Markdown preview does (its scroll-sync.ts), minus the
// causes of its jumpiness:
// - Elements with class `code-line` carry the source line they start at (`data-line`); a line
//   between two of them maps to a position interpolated between their tops, and back.
// - Only anchors whose lines rise in document order are used, so an out-of-order block (front
//   matter shown after the body, a nested row) cannot make the mapping jump backwards.
// - A scroll this script makes (asked by the host, or restoring the position after an update)
//   is remembered by its target offset; the scroll event it causes is not reported back, so
//   the editor and the preview never chase each other. The host does the same the other way.
// - Scrolls are instant (no smooth animation fighting the next request) and reports are
//   coalesced to one per animation frame.
import { isHostMessage, type WebviewToHost } from '../messages.js';
import { type Anchor, lineForOffset, offsetForLine } from '../scroll-map.js';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

interface State {
  resource?: string;
  line?: number;
}

function readState(): State {
  const s = vscode.getState();
  if (typeof s !== 'object' || s === null) return {};
  const r = s as Record<string, unknown>;
  return {
    ...(typeof r['resource'] === 'string' ? { resource: r['resource'] } : {}),
    ...(typeof r['line'] === 'number' && Number.isFinite(r['line']) ? { line: r['line'] } : {}),
  };
}

function saveState(patch: State): void {
  const resource = document.body.dataset['source'];
  vscode.setState({ ...readState(), ...(resource ? { resource } : {}), ...patch });
}

function currentVersion(): number {
  const v = Number(document.body.dataset['version']);
  return Number.isSafeInteger(v) && v >= 0 ? v : 0;
}

function intAttr(el: Element, name: string, fallback: number): number {
  const v = Number(el.getAttribute(name));
  return Number.isSafeInteger(v) && v >= 1 ? v : fallback;
}

function reveal(el: Element): void {
  const line = intAttr(el, 'data-line', 0);
  if (line < 1) return;
  vscode.postMessage({ type: 'reveal', line, column: intAttr(el, 'data-column', 1), version: currentVersion() });
}

function flash(el: Element): void {
  el.classList.remove('flash');
  // Restart the animation.
  void (el as HTMLElement).offsetWidth;
  el.classList.add('flash');
}

/** A problem item: show its mark in the preview (if any) and reveal it in the editor. */
function activateProblem(item: Element): void {
  const i = item.getAttribute('data-finding');
  const mark = i !== null ? document.querySelector(`#report mark.finding[data-finding="${CSS.escape(i)}"]`) : null;
  if (mark) {
    const r = mark.getBoundingClientRect();
    scrollToOffset(window.scrollY + r.top - window.innerHeight / 3);
    flash(mark);
  }
  reveal(item);
}

document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const problem = target.closest('#report .problem');
  if (problem) {
    e.preventDefault();
    activateProblem(problem);
    return;
  }
  const mark = target.closest('#report mark.finding');
  if (mark) {
    e.preventDefault();
    reveal(mark);
  }
});

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  const target = e.target instanceof Element ? e.target.closest('#report .problem') : null;
  if (target) {
    e.preventDefault();
    activateProblem(target);
  }
});

// Double-click on the text reveals that line, as in VS Code's Markdown preview.
document.addEventListener('dblclick', (e) => {
  const target = e.target instanceof Element ? e.target.closest('#report [data-line]') : null;
  if (target && !target.closest('.problem')) reveal(target);
});

// ---------------------------------------------------------------------------------------------
// Scroll sync

/** The `code-line` elements in document order whose lines strictly rise, with their offsets. */
function anchors(): Anchor[] {
  const out: Anchor[] = [];
  let last = 0;
  for (const el of Array.from(document.querySelectorAll('#report .code-line[data-line]'))) {
    const line = Number(el.getAttribute('data-line'));
    if (!Number.isFinite(line) || line <= last) continue;
    const r = el.getBoundingClientRect();
    if (r.height === 0 && r.width === 0) continue; // not rendered
    out.push({ line, top: r.top + window.scrollY });
    last = line;
  }
  return out;
}

const docHeight = (): number => document.documentElement.scrollHeight;

/** Offset of the last scroll this script made; its scroll event is not reported. */
let ownScrollTarget: number | undefined;
let ownScrollAt = 0;

function scrollToOffset(y: number): void {
  const max = Math.max(0, docHeight() - window.innerHeight);
  const target = Math.round(Math.min(max, Math.max(0, y)));
  if (Math.abs(window.scrollY - target) < 1) return;
  ownScrollTarget = target;
  ownScrollAt = performance.now();
  window.scrollTo(0, target);
}

function scrollToLine(line: number): void {
  const y = offsetForLine(anchors(), line, docHeight());
  if (y !== undefined) scrollToOffset(y);
}

function topLine(): number | undefined {
  return lineForOffset(anchors(), window.scrollY, docHeight());
}

let reportPending = false;
window.addEventListener(
  'scroll',
  () => {
    if (ownScrollTarget !== undefined) {
      const ours = Math.abs(window.scrollY - ownScrollTarget) <= 1 && performance.now() - ownScrollAt < 1000;
      ownScrollTarget = undefined;
      if (ours) return;
    }
    if (reportPending) return;
    reportPending = true;
    requestAnimationFrame(() => {
      reportPending = false;
      const line = topLine();
      if (line === undefined) return;
      saveState({ line });
      vscode.postMessage({ type: 'scrolled', line: Math.max(1, line), version: currentVersion() });
    });
  },
  { passive: true },
);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  // Typed messages only: anything else (another type, extra keys, a wrong shape) is ignored.
  if (!isHostMessage(msg)) return;
  switch (msg.type) {
    case 'update': {
      // A render older than the one shown arrived late: ignore it.
      if (msg.version < currentVersion()) return;
      const root = document.getElementById('report');
      if (!root) return;
      // Keep the same source line at the top, not the same pixel offset: the blocks above may
      // have grown or shrunk.
      const line = window.scrollY > 0 ? topLine() : undefined;
      // The only HTML inserted: rendered and sanitised by the host (renderReportBody).
      root.innerHTML = msg.html;
      document.body.dataset['version'] = String(msg.version);
      if (line !== undefined) scrollToLine(line);
      break;
    }
    case 'scrollTo': {
      scrollToLine(msg.line);
      saveState({ line: msg.line });
      break;
    }
  }
});

// After a window reload the serializer brings the panel back with its state: same place.
const restored = readState();
saveState({});
if (restored.line !== undefined && restored.line > 1) {
  if (document.readyState === 'complete') scrollToLine(restored.line);
  else window.addEventListener('load', () => scrollToLine(restored.line!), { once: true });
}

vscode.postMessage({ type: 'ready' });
