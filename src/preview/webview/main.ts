/// <reference lib="dom" />
// The preview webview's script (bundled to media/preview.js). It only scrolls, highlights and
// posts clicks back (DESIGN.md): all HTML is rendered and sanitised by the host.
import { isHostMessage, type WebviewToHost } from '../messages.js';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

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
    mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
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
  const target = e.target instanceof Element ? e.target.closest('#report .markdown-body [data-line]') : null;
  if (target) reveal(target);
});

/** The body block whose source line is the nearest at or before `line`. */
function blockForLine(line: number): Element | undefined {
  let best: Element | undefined;
  let bestLine = -Infinity;
  for (const el of Array.from(document.querySelectorAll('#report .markdown-body [data-line]'))) {
    const l = Number(el.getAttribute('data-line'));
    if (l <= line && l > bestLine) {
      best = el;
      bestLine = l;
    }
  }
  // A line above the body (the front matter) has no block: the report's top, not the first block.
  return best;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data;
  if (!isHostMessage(msg)) return;
  switch (msg.type) {
    case 'update': {
      if (msg.version < currentVersion()) return;
      const root = document.getElementById('report');
      if (!root) return;
      // The only HTML inserted: rendered and sanitised by the host (renderReportBody).
      const y = window.scrollY;
      root.innerHTML = msg.html;
      document.body.dataset['version'] = String(msg.version);
      window.scrollTo(0, y);
      break;
    }
    case 'scrollTo': {
      const el = blockForLine(msg.line);
      if (el) {
        el.scrollIntoView({ block: 'start' });
        flash(el);
      } else {
        window.scrollTo(0, 0);
      }
      break;
    }
  }
});

vscode.postMessage({ type: 'ready' });
