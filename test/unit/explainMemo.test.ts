/**
 * The caches behind a hover (issue #17: a hover on a large note does no work proportional to the note):
 * compiled templates, resolved source links, catalogue parts of a state explanation, evidence lines and
 * orphan-pressure verdicts per evidence array. Each cached answer must equal the answer computed afresh.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateNote } from '../../bench/generate';
import { explainMention, explainState, explainStateText } from '../../src/core/explain';
import { kernelFromSetting } from '../../src/core/knowledge/kernel';
import { format, L, t } from '../../src/core/strings';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BoundedMemo, ownString } from '../../src/core/memo';
import { analyzeNote } from '../../src/core/note/analyze';
import type { NoteModel } from '../../src/core/note/model';
import { pressureAt } from '../../src/core/report/pressureAt';
import { sourcesMarkdown, sourcesPlain } from '../../src/core/catalogue/sources';
import { STATE_IDS } from '../../src/core/catalogue/types';

const links = { showDiagram: (s: string) => `command:show?${s}`, insertTemplate: (s: string) => `command:insert?${s}` };

/** A note whose sockstat blocks and tunables differ along the note, so the pressure depends on where one hovers. */
function pressureNote(): string {
  const parts: string[] = ['# Orphans 孤儿 socket', ''];
  for (let i = 0; i < 6; i++) {
    parts.push(`## Sample ${i}`, '', `FIN-WAIT-1 and LAST_ACK piled up (样本 ${i}).`, '', '```', '$ cat /proc/net/sockstat');
    parts.push('sockets: used 1200', `TCP: inuse 40 orphan ${1000 * (i + 1) * (i + 1)} tw 300 alloc 900 mem ${200 * (i + 1)}`, '```', '');
    if (i % 2 === 0) parts.push('```', '$ sysctl net.ipv4.tcp_max_orphans', `net.ipv4.tcp_max_orphans = ${4096 * (i + 1)}`, '```', '');
    parts.push('The CLOSING and TIME_WAIT sockets were few; tcp_max_orphans and tcp_mem were checked.', '');
  }
  return parts.join('\n');
}

/** The same model with a copy of its evidence array: every per-evidence cache starts empty for it. */
function freshEvidence(model: NoteModel): NoteModel {
  return { ...model, evidence: [...model.evidence] };
}

describe('hover caches', () => {
  it('format fills placeholders, keeps unknown ones and handles templates without any', () => {
    assert.equal(format('{count} {state} at line {line}', { count: '1,200', state: 'FIN-WAIT-1', line: 7 }), '1,200 FIN-WAIT-1 at line 7');
    assert.equal(format('{a}{b}{a}', { a: 1, b: 'x' }), '1x1');
    assert.equal(format('no placeholders', { a: 1 }), 'no placeholders');
    assert.equal(format('{missing} stays, {n} goes', { n: 2 }), '{missing} stays, 2 goes');
    assert.equal(format('{ n } and {} are not placeholders: {n}', { n: 3 }), '{ n } and {} are not placeholders: 3');
    // The same template twice: the compiled form is reused and gives the same result for other values.
    assert.equal(format('{count} {state} at line {line}', { count: 5, state: 'LAST-ACK', line: 1 }), '5 LAST-ACK at line 1');
  });

  it('a bounded memo computes each key once and never grows past its cap', () => {
    const memo = new BoundedMemo<number>(3);
    let calls = 0;
    const make = (v: number) => () => (calls++, v);
    assert.equal(memo.get('a', make(1)), 1);
    assert.equal(memo.get('a', make(99)), 1);
    assert.equal(calls, 1);
    for (let i = 0; i < 10; i++) memo.get(`k${i}`, make(i));
    assert.ok(memo.size <= 3, `size ${memo.size}`);
    assert.equal(memo.get('k9', make(-1)), 9);
  });

  it('a memo key cut from a note does not keep the note alive (own copies of keys)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    const memo = new BoundedMemo<number>(8);
    const before = heap();
    // A 16 MB two-byte note (32 MB of heap) with a token of 20 characters in it: a slice keeps its parent.
    ((): void => {
      const note = `处${'FIN_WAIT_1_OR_SO_XYZ '.repeat(800_000)}`;
      memo.get(note.slice(1, 21), () => 1);
    })();
    const kept = heap() - before;
    assert.ok(kept < 8, `the memo keeps ${kept.toFixed(1)} MB after the note is dropped`);
    assert.equal(memo.get('FIN_WAIT_1_OR_SO_XYZ', () => 2), 1, 'found by an equal string');
    assert.equal(ownString('abc'), 'abc');
    assert.equal(ownString('FIN_WAIT_1_OR_SO_XYZ'), 'FIN_WAIT_1_OR_SO_XYZ');
  });

  it('source links are the same from the cache as the first time, per language and length', () => {
    const sources = ['K-tcp.c tcp_close', 'RFC9293 §3.3.2', 'K-tcp.c tcp_check_oom', 'K-timer'];
    const md = sourcesMarkdown(sources);
    assert.ok(md.includes('](https://'), md);
    assert.equal(sourcesMarkdown([...sources]), md);
    const en = sourcesPlain(sources, 'en', 2);
    const zh = sourcesPlain(sources, 'zh-cn', 2);
    assert.notEqual(en, zh);
    assert.equal(sourcesPlain(sources, 'en', 2), en);
    assert.notEqual(sourcesPlain(sources, 'en', 1), en);
  });

  it('the orphan-pressure verdict at every offset equals the one computed on a fresh evidence array', () => {
    const model = analyzeNote(pressureNote());
    assert.ok(model.evidence.filter((b) => b.sockstat?.tcp).length >= 6, 'the note has six sockstat blocks');
    const seen = new Set<string>();
    for (let at = 0; at < model.text.length; at += 37) {
      const cached = pressureAt(model, at);
      assert.deepEqual(cached, pressureAt(freshEvidence(model), at), `offset ${at}`);
      seen.add(JSON.stringify(cached));
    }
    assert.ok(seen.size >= 4, `the verdict changes along the note (${seen.size} distinct)`);
  });

  it('every hover equals the hover computed without any per-note cache, in both languages, in any order', () => {
    for (const text of [pressureNote(), generateNote(60_000, 3)]) {
      const model = analyzeNote(text);
      assert.ok(model.mentions.length > 20);
      for (const lang of ['en', 'zh-cn', 'en'] as const) {
        for (const m of model.mentions) {
          const cached = explainMention(m, model, { lang, links });
          assert.equal(cached, explainMention(m, freshEvidence(model), { lang, links }), `${lang} ${m.text} at ${m.start}`);
        }
      }
    }
  });

  it('the cached catalogue parts keep languages and markups apart (independent expectations)', () => {
    const model = analyzeNote(pressureNote());
    const zhVerdict = t(L.orphanVerdict, 'zh-cn');
    const enVerdict = t(L.orphanVerdict, 'en');
    // Alternating orders, so that whichever form is made first, the other comes from its own cache entry.
    for (const order of [['en', 'zh-cn'], ['zh-cn', 'en']] as const) {
      for (const id of STATE_IDS) {
        for (const lang of order) {
          const md = explainState(id, { lang }, { model });
          const plain = explainStateText(id, { lang }, { model });
          const [own, other] = lang === 'en' ? [enVerdict, zhVerdict] : [zhVerdict, enVerdict];
          assert.ok(md.includes(`**${own}`), `${id} ${lang}: the Markdown verdict in its language`);
          assert.ok(!md.includes(other), `${id} ${lang}: no verdict label of the other language`);
          assert.ok(plain.includes(own) && !plain.includes(other), `${id} ${lang}: the plain verdict in its language`);
          assert.ok(!plain.includes('**') && !plain.includes(']('), `${id} ${lang}: no Markdown in the plain form`);
        }
      }
    }
  });

  it('the kernel of the setting reaches the hover and the plain form alike, and is not cached across kernels', () => {
    const old = kernelFromSetting('4.9');
    const recent = kernelFromSetting('6.12.1-generic');
    assert.ok(old && recent);
    assert.equal(kernelFromSetting(''), undefined);
    assert.equal(kernelFromSetting('not a kernel'), undefined);
    for (const id of ['SYN-SENT'] as const) {
      for (let round = 0; round < 2; round++) {
        const none = explainState(id, { lang: 'en' });
        const a = explainState(id, { lang: 'en', kernel: old });
        const b = explainState(id, { lang: 'en', kernel: recent });
        assert.notEqual(a, b, `${id}: the kernel line follows the kernel`);
        assert.ok(a.includes('Linux 4.9') && b.includes('Linux 6.12'), `${id}: each names its kernel`);
        assert.ok(!none.includes('Linux 4.9') && !none.includes('Linux 6.12'), `${id}: no kernel, no line for one`);
        const plainOld = explainStateText(id, { lang: 'en', kernel: old });
        assert.ok(plainOld.includes('Linux 4.9'), `${id}: the plain form (the diagram's tooltip) names the setting's kernel`);
        assert.notEqual(plainOld, explainStateText(id, { lang: 'en', kernel: recent }));
      }
    }
  });
});
