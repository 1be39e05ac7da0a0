import * as assert from 'node:assert/strict';
import { escapeHtml, htmlFileName, messagePage } from '../../src/extension/pages';

describe('extension/pages', () => {
  it('escapes everything it is given', () => {
    const page = messagePage({ title: '<b>x</b>', message: `a "quote" & <script>alert(1)</script>` });
    assert.ok(!page.includes('<script>'));
    assert.ok(page.includes('&lt;script&gt;'));
    assert.match(page, /default-src 'none'/);
    assert.equal(escapeHtml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
  });

  it('names the exported file after the document', () => {
    assert.equal(htmlFileName('/a/x.trial.md'), '/a/x.trial.html');
    assert.equal(htmlFileName('/a/notes.markdown'), '/a/notes.html');
    assert.equal(htmlFileName('/a/noext'), '/a/noext.html');
  });
});
