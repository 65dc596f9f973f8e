/**
 * The host's checks on what the diagram webview sends (core/diagram/messages.ts) and the webview's CSP
 * (core/diagram/csp.ts): field by field, known ids, ranges, restore only of allowed URIs.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_ERROR_MESSAGE, MAX_PNG_DATA_URL, MAX_STATE_URI, isNotePath, parsePanelState, parseWebviewMessage } from '../../src/core/diagram/messages';
import { diagramCsp, nonceFrom } from '../../src/core/diagram/csp';

describe('webview messages', () => {
  test('messages without fields are accepted by type alone, and rebuilt', () => {
    for (const type of ['ready', 'toggleLock', 'toggleLinux', 'exportSvg', 'copySvg', 'exportPng', 'toggleLive', 'freeze']) {
      assert.deepEqual(parseWebviewMessage({ type, extra: { evil: true } }), { type });
    }
  });

  test('unknown types and non-objects are refused', () => {
    for (const bad of [null, undefined, 1, 'ready', [], ['ready'], {}, { type: 1 }, { type: 'openFile', path: '/etc/passwd' }, { type: '__proto__' }, { type: 'toString' }, { type: 'constructor' }]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  test('reveal: only a state the catalogue knows', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', state: 'CLOSE-WAIT' }), { type: 'reveal', state: 'CLOSE-WAIT' });
    for (const state of ['CLOSE_WAIT', 'close-wait', 'FIN-WAIT-3', '', 7, null, undefined, ['CLOSE-WAIT'], { toString: () => 'CLOSE-WAIT' }]) {
      assert.equal(parseWebviewMessage({ type: 'reveal', state }), undefined, String(state));
    }
  });

  test('setScope: note or section only', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'setScope', scope: 'section' }), { type: 'setScope', scope: 'section' });
    assert.deepEqual(parseWebviewMessage({ type: 'setScope', scope: 'note' }), { type: 'setScope', scope: 'note' });
    for (const scope of ['all', '', 1, undefined]) assert.equal(parseWebviewMessage({ type: 'setScope', scope }), undefined);
  });

  test('png: a base64 PNG data URL (or empty for a failure), bounded', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }), { type: 'png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' });
    assert.deepEqual(parseWebviewMessage({ type: 'png', dataUrl: '' }), { type: 'png', dataUrl: '' });
    for (const dataUrl of ['data:image/svg+xml;base64,PHN2Zz4=', 'data:image/png;base64,<script>', 'file:///etc/passwd', 42, undefined]) {
      assert.equal(parseWebviewMessage({ type: 'png', dataUrl }), undefined, String(dataUrl));
    }
    const huge = 'data:image/png;base64,' + 'A'.repeat(MAX_PNG_DATA_URL);
    assert.equal(parseWebviewMessage({ type: 'png', dataUrl: huge }), undefined, 'over the size cap');
  });

  test('error: a string, cut and without control or bidi characters', () => {
    const m = parseWebviewMessage({ type: 'error', message: `a\u202Eb\nc${'x'.repeat(2 * MAX_ERROR_MESSAGE)}` });
    assert.ok(m && m.type === 'error');
    assert.equal(m.message.length, MAX_ERROR_MESSAGE);
    assert.equal(m.message.slice(0, 5), 'a b c');
    assert.equal(parseWebviewMessage({ type: 'error', message: { text: 'x' } }), undefined);
  });
});

describe('restored panel state', () => {
  const allowed = (uri: string) => uri === 'file:///ws/note.md';
  test('fields checked one by one, defaults otherwise', () => {
    assert.deepEqual(parsePanelState({ uri: 'file:///ws/note.md', locked: true, scope: 'section', showLinux: true }, allowed), {
      uri: 'file:///ws/note.md',
      locked: true,
      scope: 'section',
      showLinux: true,
    });
    assert.deepEqual(parsePanelState({ locked: 'yes', scope: 'everything', showLinux: 1 }, allowed), { uri: '', locked: false, scope: 'note', showLinux: false });
    for (const saved of [undefined, null, 3, 'x', []]) assert.deepEqual(parsePanelState(saved, allowed), { uri: '', locked: false, scope: 'note', showLinux: false });
  });

  test('a URI the editor does not allow is ignored', () => {
    for (const uri of ['file:///etc/passwd', 'file:///ws/../etc/shadow.md', 'command:workbench.action.terminal.new', 42, '']) {
      assert.equal(parsePanelState({ uri }, allowed).uri, '', String(uri));
    }
    const long = `file:///ws/${'a'.repeat(MAX_STATE_URI)}.md`;
    assert.equal(parsePanelState({ uri: long }, () => true).uri, '', 'too long');
  });

  test('workspace notes are Markdown files', () => {
    assert.equal(isNotePath('/ws/notes/orphans.md'), true);
    assert.equal(isNotePath('/ws/notes/orphans.MARKDOWN'), true);
    assert.equal(isNotePath('/home/u/.ssh/id_rsa'), false);
    assert.equal(isNotePath('/ws/notes/md'), false);
  });
});

describe('webview CSP', () => {
  test('no base URI, no form target, one nonce for scripts', () => {
    const csp = diagramCsp('https://x.vscode-cdn.net', 'abc');
    const rules = csp.split('; ');
    assert.ok(rules.includes("default-src 'none'"));
    assert.ok(rules.includes("base-uri 'none'"));
    assert.ok(rules.includes("form-action 'none'"));
    assert.ok(rules.includes("script-src 'nonce-abc'"));
    assert.ok(!csp.includes('unsafe'));
  });

  test('the nonce keeps every bit of its random bytes, and refuses too few', () => {
    const a = nonceFrom(new Uint8Array(24).fill(0));
    const b = nonceFrom(Uint8Array.from({ length: 24 }, (_, i) => (i === 23 ? 1 : 0)));
    const c = nonceFrom(Uint8Array.from({ length: 24 }, (_, i) => (i === 23 ? 128 : 0)));
    assert.equal(new Set([a, b, c]).size, 3);
    assert.match(a, /^[A-Za-z0-9_-]{48}$/);
    assert.throws(() => nonceFrom(new Uint8Array(8)));
  });
});
