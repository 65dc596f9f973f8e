import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, langOf, readSettings } from '../../src/lsp/settings';

describe('language server settings', () => {
  test('flat or under tcpStateNotes; booleans plain, nested or dotted', () => {
    assert.deepEqual(readSettings({ language: 'zh-CN', kernelVersion: ' 5.15 ', hover: false, 'diagnostics.enabled': false, maxNoteSizeMB: 5 }), {
      language: 'zh-cn',
      kernelVersion: '5.15',
      hover: false,
      diagnostics: false,
      maxNoteSizeMB: 5,
    });
    assert.deepEqual(readSettings({ tcpStateNotes: { language: 'en', diagnostics: { enabled: false } } }), { ...DEFAULT_SETTINGS, language: 'en', diagnostics: false });
  });

  test('malformed values keep what was there; a later change keeps the other keys', () => {
    const base = readSettings({ language: 'zh-cn', kernelVersion: '6.8' });
    assert.deepEqual(readSettings({ language: 'fr', kernelVersion: 'latest', maxNoteSizeMB: -1, hover: 'yes' }, base), base);
    assert.deepEqual(readSettings(null, base), base);
    assert.deepEqual(readSettings([1, 2], base), base);
    assert.deepEqual(readSettings({ hover: false }, base), { ...base, hover: false });
  });

  test('language auto follows the client locale', () => {
    assert.equal(langOf(DEFAULT_SETTINGS, 'zh-CN'), 'zh-cn');
    assert.equal(langOf(DEFAULT_SETTINGS, 'zh-Hans'), 'zh-cn');
    assert.equal(langOf(DEFAULT_SETTINGS, 'de'), 'en');
    assert.equal(langOf(DEFAULT_SETTINGS, undefined), 'en');
    assert.equal(langOf({ ...DEFAULT_SETTINGS, language: 'en' }, 'zh-CN'), 'en');
  });
});
