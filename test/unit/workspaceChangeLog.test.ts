import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChangeLog } from '../../src/core/workspace/changeLog';

describe('core/workspace/changeLog', () => {
  test('a note changed after a moment, itself or through a folder holding it', () => {
    const log = new ChangeLog();
    const build = log.hold();
    log.touch('file:///w/a.md');
    const t = log.now();
    assert.equal(log.changedSince(t, 'file:///w/a.md'), false, 'a change before the moment does not count');
    assert.equal(log.changedSince(build, 'file:///w/a.md'), true, 'but it does for the moment before it');
    log.touch('file:///w/b.md');
    assert.equal(log.changedSince(t, 'file:///w/b.md'), true);
    assert.equal(log.changedSince(t, 'file:///w/a.md'), false);
    assert.equal(log.changedSince(t, 'file:///w/b.md.bak'), false, 'a key that only starts with it');
    log.touch('file:///w/docs');
    assert.equal(log.changedSince(t, 'file:///w/docs/x.md'), true, 'a folder holding it');
    assert.equal(log.changedSince(t, 'file:///w/docs2/x.md'), false, 'a folder beside it');
    log.touch('file:///w/notes/');
    assert.equal(log.changedSince(t, 'file:///w/notes/y.md'), true, 'a folder key ending in /');
    assert.equal(log.changedSince(log.now(), 'file:///w/notes/y.md'), false, 'nothing after now');
  });

  test('changes are kept only while a build holds a moment before them', () => {
    const log = new ChangeLog();
    log.touch('idle edit');
    assert.equal(log.size, 0, 'no build runs: nothing kept');
    const first = log.hold();
    log.touch('k1');
    const second = log.hold();
    log.touch('k2');
    assert.equal(log.size, 2);
    log.release(first);
    assert.equal(log.size, 1, "the second build's moment is after k1");
    assert.equal(log.changedSince(second, 'k2'), true);
    assert.equal(log.changedSince(second, 'k1'), false);
    log.release(second);
    assert.equal(log.size, 0);
    log.touch('k3');
    assert.equal(log.size, 0);
  });
});
