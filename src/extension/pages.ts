// Small static pages the preview shows when there is no report to render (not a trial summary,
// checking disabled, file too large, an error). Pure, no scripts: CSP `default-src 'none'`.

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A script-free page with one heading and a paragraph; `cspSource` allows the extension's CSS. */
export function messagePage(opts: { title: string; message: string; cspSource?: string; styleUri?: string }): string {
  const style = opts.cspSource ? `style-src ${opts.cspSource} 'unsafe-inline'` : `style-src 'unsafe-inline'`;
  const link = opts.styleUri ? `<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ${style};">
<meta name="viewport" content="width=device-width, initial-scale=1">
${link}<title>${escapeHtml(opts.title)}</title>
<style>body{font-family:var(--vscode-font-family,sans-serif);color:var(--vscode-foreground);padding:1.5em;line-height:1.5}</style>
</head>
<body>
<h2>${escapeHtml(opts.title)}</h2>
<p>${escapeHtml(opts.message)}</p>
</body>
</html>
`;
}

/** `x.trial.md` → `x.trial.html`: the default name of an exported report. */
export function htmlFileName(markdownPath: string): string {
  return /\.(md|markdown)$/i.test(markdownPath) ? markdownPath.replace(/\.(md|markdown)$/i, '.html') : `${markdownPath}.html`;
}
