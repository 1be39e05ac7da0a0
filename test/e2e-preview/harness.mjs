// Loads the preview's HTML in real Chromium (Debian's /usr/bin/chromium driven by the
// playwright-core that scripts/setup-e2e.sh keeps in /var/cache/trial-report-e2e), the way a
// VS Code webview shows it: the same HTML renderReport gives the extension, the theme's
// --vscode-* variables and body class, media/preview.css and media/preview.js served from a
// resource origin, and a stub acquireVsCodeApi that records what the script posts.
//
// Every request is intercepted: only the page itself and the two media files are served; any
// other request is recorded in `blocked` and aborted, so a test can assert nothing left the page.
// Used by test/e2e-preview/browser.test.mjs and scripts/preview-screenshots.mjs.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadE2EEnv, loadPlaywright } from '../../scripts/e2e-lib/vscode.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** The webview's resource origin (stands in for https://file+.vscode-resource.vscode-cdn.net). */
export const RESOURCE_ORIGIN = 'https://file.vscode-resource.vscode-cdn.test';
/** What `webview.cspSource` is in VS Code: `'self'` and the resource CDN by wildcard. */
export const CSP_SOURCE = "'self' https://*.vscode-cdn.test";
/** Where the page itself is served from. */
export const PAGE_ORIGIN = 'https://webview.vscode-cdn.test';

/**
 * Builds media/preview.js (the shipped webview script) and a CommonJS bundle of the core and the
 * renderer for this process, and returns { analyzeDocument, renderReport, renderReportBody }.
 */
export function loadRenderer() {
  const r = spawnSync(process.execPath, [path.join(REPO, 'esbuild.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node esbuild.mjs failed:\n${r.stdout}${r.stderr}`);
  const esbuild = require(path.join(REPO, 'node_modules/esbuild'));
  const outfile = path.join(REPO, 'out/e2e-preview/renderer.cjs');
  esbuild.buildSync({
    stdin: {
      contents: "export { analyzeDocument } from './src/core/check.ts';\nexport { renderReport, renderReportBody } from './src/preview/render.ts';\n",
      resolveDir: REPO,
      sourcefile: 'renderer-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  delete require.cache[outfile];
  return require(outfile);
}

export function readCss() {
  return fs.readFileSync(path.join(REPO, 'media/preview.css'), 'utf8');
}

/** The fonts VS Code on Linux gives a webview. */
const FONTS = {
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '14px',
};

/**
 * The --vscode-* variables the preview uses, as VS Code sets them on a webview's <html> for the
 * default themes: values from code-server's theme-defaults (Light Modern, Dark Modern, Dark High
 * Contrast) and, where a theme leaves a colour to the registry, the registry default.
 */
export const THEMES = {
  light: {
    kind: 'vscode-light',
    colorScheme: 'light',
    vars: {
      ...FONTS,
      '--vscode-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#3b3b3b',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-widget-border': '#e5e5e5',
      '--vscode-sideBar-background': '#f8f8f8',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textCodeBlock-background': '#f8f8f8',
      '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-editorError-foreground': '#e51400',
      '--vscode-errorForeground': '#f85149',
      '--vscode-editorWarning-foreground': '#bf8803',
      '--vscode-editorInfo-foreground': '#1a85ff',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-focusBorder': '#005fb8',
    },
  },
  dark: {
    kind: 'vscode-dark',
    colorScheme: 'dark',
    vars: {
      ...FONTS,
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-widget-border': '#313131',
      '--vscode-sideBar-background': '#181818',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textCodeBlock-background': '#2b2b2b',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-editorError-foreground': '#f14c4c',
      '--vscode-errorForeground': '#f85149',
      '--vscode-editorWarning-foreground': '#cca700',
      '--vscode-editorInfo-foreground': '#3794ff',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-focusBorder': '#0078d4',
    },
  },
  'high-contrast': {
    kind: 'vscode-high-contrast',
    colorScheme: 'dark',
    vars: {
      ...FONTS,
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffffb3',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-widget-border': '#6fc3df',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-sideBar-background': '#000000',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-textCodeBlock-background': '#000000',
      '--vscode-editorError-foreground': '#f48771',
      '--vscode-errorForeground': '#f48771',
      '--vscode-editorWarning-foreground': '#ffd370',
      '--vscode-editorInfo-foreground': '#3794ff',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-focusBorder': '#f38518',
    },
  },
};

export function newNonce() {
  return crypto.randomBytes(16).toString('base64');
}

/** The webview HTML for a document, as the extension renders it. */
export function webviewHtml(renderer, text, fileName, version = 1) {
  const analysis = renderer.analyzeDocument(text, { fileName });
  return renderer.renderReport(analysis, {
    mode: 'webview',
    nonce: newNonce(),
    cspSource: CSP_SOURCE,
    styleUri: `${RESOURCE_ORIGIN}/media/preview.css`,
    scriptUri: `${RESOURCE_ORIGIN}/media/preview.js`,
    version,
    title: path.basename(fileName),
  });
}

/** The exported HTML for a document, as `render -o` and Export HTML write it. */
export function standaloneHtml(renderer, text, fileName) {
  const analysis = renderer.analyzeDocument(text, { fileName });
  return renderer.renderReport(analysis, { mode: 'standalone', inlineCss: readCss(), title: path.basename(fileName) });
}

/** Launches Chromium the way the e2e suites do: headless, sandbox off (root), no background traffic. */
export async function launchChromium() {
  const env = loadE2EEnv();
  const pw = loadPlaywright(env);
  return pw.chromium.launch({
    executablePath: env.E2E_CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-domain-reliability'],
  });
}

/**
 * Opens `html` in a new page. kind 'webview' serves media/ from RESOURCE_ORIGIN and installs the
 * VS Code stubs (theme variables, body class, acquireVsCodeApi); kind 'standalone' serves nothing
 * else. Returns { page, context, blocked, posted, xss, dialogs, consoleErrors, url }.
 * `xss` collects calls of window.__xss(name) — the payloads' way of saying "I ran".
 */
export async function openPage(browser, html, { kind = 'webview', theme = 'light', viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const t = THEMES[theme];
  if (!t) throw new Error(`unknown theme ${theme}`);
  const context = await browser.newContext({ viewport, deviceScaleFactor, colorScheme: t.colorScheme, javaScriptEnabled: true, serviceWorkers: 'block' });
  const blocked = [];
  const xss = [];
  const dialogs = [];
  const consoleErrors = [];
  const url = `${PAGE_ORIGIN}/index.html`;
  const media = (name) => fs.readFileSync(path.join(REPO, 'media', name));
  await context.route('**/*', async (route) => {
    const u = route.request().url();
    if (u === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (kind === 'webview' && u === `${RESOURCE_ORIGIN}/media/preview.css`) return route.fulfill({ status: 200, contentType: 'text/css', body: media('preview.css') });
    if (kind === 'webview' && u === `${RESOURCE_ORIGIN}/media/preview.js`) return route.fulfill({ status: 200, contentType: 'text/javascript', body: media('preview.js') });
    blocked.push(u);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__xss', (_source, name) => {
    xss.push(String(name));
  });
  if (kind === 'webview') {
    await context.addInitScript(
      ({ vars, cls }) => {
        // What VS Code's webview host does before the page's own scripts: theme variables on
        // <html>, the theme class on <body>, and acquireVsCodeApi.
        const posted = [];
        let state;
        Object.defineProperty(window, '__posted', { value: posted });
        let acquired = false;
        window.acquireVsCodeApi = () => {
          if (acquired) throw new Error('acquireVsCodeApi called twice');
          acquired = true;
          return Object.freeze({
            postMessage: (m) => posted.push(JSON.parse(JSON.stringify(m))),
            getState: () => state,
            setState: (s) => {
              state = s;
              return s;
            },
          });
        };
        let themed = false;
        const theme = () => {
          if (!themed && document.documentElement) {
            for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
            themed = true;
          }
          if (document.body) {
            document.body.classList.add(cls);
            document.body.dataset.vscodeThemeKind = cls;
            return true;
          }
          return false;
        };
        if (!theme()) {
          const obs = new MutationObserver(() => {
            if (theme()) obs.disconnect();
          });
          obs.observe(document, { childList: true, subtree: true });
        }
      },
      { vars: t.vars, cls: t.kind },
    );
  }
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  if (kind === 'webview') {
    try {
      await page.waitForFunction(() => window.__posted?.some((m) => m.type === 'ready'), null, { timeout: 5000 });
    } catch (e) {
      throw new Error(`the webview script did not post "ready": ${e.message}\nblocked: ${blocked.join(', ')}\nconsole: ${consoleErrors.join('\n')}`);
    }
  }
  return { page, context, blocked, xss, dialogs, consoleErrors, url, posted: () => page.evaluate(() => window.__posted ?? []) };
}
