/**
 * The webview scripts (media/diagram.js, media/previewCards.js, built by scripts/build.mjs) carry each state's
 * gist — summary, orphan verdict and headline, as the catalogue has them — and none of the catalogue's details
 * (scripts/stateGists.mjs puts the built table in place of core/catalogue/stateGists.ts there).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../support/repo';
import { STATE_KNOWLEDGE } from '../../src/core/catalogue/states';
import { STATE_GISTS } from '../../src/core/catalogue/stateGists';
import { STATE_IDS } from '../../src/core/catalogue/types';

const bundles = ['media/diagram.js', 'media/previewCards.js'].map((f) => ({ file: f, text: readFileSync(repoPath(...f.split('/')), 'utf8') }));

describe('webview bundles: the catalogue gists, not the catalogue', () => {
  it('each state keeps its summary and orphan headline in both languages (as the catalogue writes them)', () => {
    for (const { file, text } of bundles) {
      for (const id of STATE_IDS) {
        const g = STATE_GISTS[id];
        for (const s of [g.summary.en, g.summary['zh-cn'], g.orphan.headline.en, g.orphan.headline['zh-cn']]) {
          assert.ok(text.includes(JSON.stringify(s).slice(1, -1)) || text.includes(s), `${file}: ${id} ${s}`);
        }
      }
    }
  });

  it('leaves out what the webviews never show: who, what moves a state on, lifetimes, commands', () => {
    for (const { file, text } of bundles) {
      for (const id of STATE_IDS) {
        const k = STATE_KNOWLEDGE[id];
        for (const s of [k.who.en, k.leavesOn.en, ...k.commands]) {
          if (s.length < 12) continue;
          assert.ok(!text.includes(s), `${file} carries ${id}: ${s}`);
        }
      }
    }
  });
});
