// The webview ↔ host message guards: exactly the documented shapes pass.
import { strict as assert } from 'node:assert';
import { isHostMessage, isWebviewMessage } from '../../src/preview/messages.js';

describe('preview messages', () => {
  it('accepts reveal and ready from the webview', () => {
    assert.ok(isWebviewMessage({ type: 'reveal', line: 12, column: 5, version: 3 }));
    assert.ok(isWebviewMessage({ type: 'reveal', line: 1, column: 1, version: 0 }));
    assert.ok(isWebviewMessage({ type: 'ready' }));
  });

  it('rejects unknown types and wrong shapes', () => {
    for (const bad of [
      null,
      undefined,
      'reveal',
      42,
      [],
      [{ type: 'ready' }],
      {},
      { type: 'update', html: '<p>x</p>', version: 1 },
      { type: 'scrollTo', line: 3 },
      { type: 'openLink', href: 'https://example.org' },
      { type: 'reveal', line: 0, column: 1, version: 1 },
      { type: 'reveal', line: 1.5, column: 1, version: 1 },
      { type: 'reveal', line: '3', column: 1, version: 1 },
      { type: 'reveal', line: 3, column: 1 },
      { type: 'reveal', line: 3, column: -1, version: 1 },
      { type: 'reveal', line: 3, column: 1, version: -1 },
      { type: 'reveal', line: Number.NaN, column: 1, version: 1 },
      { type: 'reveal', line: Infinity, column: 1, version: 1 },
      { type: 'reveal', line: 3, column: 1, version: 1, command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: true },
      { type: 'READY' },
    ]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('guards host messages the same way', () => {
    assert.ok(isHostMessage({ type: 'update', html: '<p>x</p>', version: 2 }));
    assert.ok(isHostMessage({ type: 'scrollTo', line: 9 }));
    assert.equal(isHostMessage({ type: 'update', html: 1, version: 2 }), false);
    assert.equal(isHostMessage({ type: 'update', html: '' }), false);
    assert.equal(isHostMessage({ type: 'scrollTo', line: 0 }), false);
    assert.equal(isHostMessage({ type: 'reveal', line: 1, column: 1, version: 1 }), false);
  });

  it('scroll sync: fractional lines both ways, nothing else', () => {
    assert.ok(isHostMessage({ type: 'scrollTo', line: 12.5 }));
    assert.ok(isWebviewMessage({ type: 'scrolled', line: 1, version: 0 }));
    assert.ok(isWebviewMessage({ type: 'scrolled', line: 40.25, version: 3 }));
    for (const bad of [
      { type: 'scrollTo', line: 0.5 },
      { type: 'scrollTo', line: Number.NaN },
      { type: 'scrollTo', line: Infinity },
      { type: 'scrollTo', line: 1e12 },
      { type: 'scrollTo', line: '3' },
      { type: 'scrollTo', line: 3, behavior: 'smooth' },
    ]) assert.equal(isHostMessage(bad), false, JSON.stringify(bad));
    for (const bad of [
      { type: 'scrolled', line: 3 },
      { type: 'scrolled', line: 0, version: 1 },
      { type: 'scrolled', line: -Infinity, version: 1 },
      { type: 'scrolled', line: 3, version: 1.5 },
      { type: 'scrolled', line: 3, version: 1, reveal: true },
      { type: 'scrollTo', line: 3 },
    ]) assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
  });
});
