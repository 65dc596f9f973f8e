/**
 * The prefilled diagnosis template: what the note gives (host, kernel, time, counts, tunables, counters, the
 * likely cause) replaces the placeholders; what it does not give stays a placeholder; note text stays inert.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { analyzeNote } from '../../src/core/note/analyze';
import { analyseEvidence } from '../../src/core/report/build';
import { buildTemplate, hostFromNote, NO_FACTS, safeHost, templateFacts, validateSnippet, snippetToPlainText } from '../../src/core/template';
import { fixtureDir } from '../support/repo';

const incident = readFileSync(join(fixtureDir('report'), 'incident.md'), 'utf8');
const parse = (md: string): Root => unified().use(remarkParse).use(remarkGfm).parse(md);

/** Value cells by the row's command (the value as Markdown source, '' when empty). */
function tableValues(md: string): Map<string, string> {
  const out = new Map<string, string>();
  visit(parse(md), 'table', (t: Table) => {
    for (const row of t.children.slice(1)) {
      const code = row.children[1]?.children[0];
      const value = row.children[2]?.children ?? [];
      const first = value[0];
      const last = value[value.length - 1];
      const src = first && last ? md.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0) : '';
      if (code?.type === 'inlineCode') out.set(code.value, src);
    }
  });
  return out;
}

function factsOf(text: string, symptom: Parameters<typeof templateFacts>[2] = 'fin-wait-1', lang: 'en' | 'zh-cn' = 'en') {
  const model = analyzeNote(text);
  return templateFacts(model, analyseEvidence(model), symptom, lang);
}

describe('template facts from the note', () => {
  it('reads host, kernel, the latest sample time, counts, sockstat, tunables and the cause', () => {
    const f = factsOf(incident);
    assert.equal(f.host, 'web-07');
    assert.equal(f.kernel, '6.8.0-45-generic');
    // The latest sample is the block under "### 09:41" (its date and zone from the sample before it).
    assert.equal(f.time, '2025-03-14T09:41:00+08:00');
    assert.equal(f.values.sockstat, 'orphan 20,000 · tw 10,120 · mem 170,000');
    assert.match(f.values.sysctl ?? '', /`tcp_max_orphans` 65536/);
    assert.match(f.values.sysctl ?? '', /`tcp_mem` 188319 251092 376638/);
    // The current counts (report/currentCounts.ts): the 09:41 netstat -ant count lists no LAST_ACK, so the
    // `LAST_ACK 2103` written above every sample is no count of that moment.
    assert.equal(f.values.perState, 'FIN-WAIT-1 61,920 · TIME-WAIT 1,840');
    assert.equal(f.values.kernel, '`6.8.0-45-generic`');
    assert.ok(f.cause, 'the zero-window cause of the FIN-WAIT-1 listing');
    assert.match(f.cause.message, /zero window/);
    assert.match(f.cause.source, /^https:\/\//);
  });

  it('a note with nothing gives nothing (the template keeps its placeholders)', () => {
    const f = factsOf('# Notes\n\nNothing measured yet.\n');
    assert.deepEqual(f, { values: {} });
    assert.equal(buildTemplate('general', 'en', f).snippet, buildTemplate('general', 'en').snippet);
  });

  it('finds the host in a uname -a line or a shell prompt, and only inert host names', () => {
    assert.equal(hostFromNote(analyzeNote('```\n$ uname -a\nLinux db-3.example 5.15.0-91-generic #101-Ubuntu SMP x86_64 GNU/Linux\n```\n')), 'db-3.example');
    assert.equal(hostFromNote(analyzeNote('```\n[root@edge-lb-03 ~]# ss -s\nTotal: 5\n```\n')), 'edge-lb-03');
    assert.equal(hostFromNote(analyzeNote('```\nops@cache-1:~$ ss -s\n```\n')), 'cache-1');
    assert.equal(hostFromNote(analyzeNote('Write to alice@example.com about it.\n')), undefined);
    assert.equal(safeHost('web-01'), 'web-01');
    for (const bad of ['<script>', 'a b', 'x|y', '$(rm)', '']) assert.equal(safeHost(bad), undefined, bad);
    const hostile = '# tcp-state-notes snapshot host=%3Cimg%20src%3Dx%3E kernel=6.1.0 time=2025-01-01T00:00:00Z\n';
    assert.equal(hostFromNote(analyzeNote('```text\n' + hostile + '```\n')), undefined);
  });

  it('keeps only numeric sysctl values (a value with markup is left out)', () => {
    const f = factsOf('```\n$ sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_fin_timeout\nnet.ipv4.tcp_max_orphans = 65536\nnet.ipv4.tcp_fin_timeout = 60 | <b>x</b>\n```\n');
    assert.equal(f.values.sysctl, '`tcp_max_orphans` 65536');
  });

  it('picks the cause about the symptom\'s state, else none for another state', () => {
    assert.match(factsOf(incident, 'fin-wait-1').cause?.message ?? '', /FIN-WAIT-1|zero window/);
    assert.equal(factsOf(incident, 'close-wait').cause?.message.includes('zero window') ?? false, false);
  });
});

describe('the prefilled template', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    it(`puts the facts in place of the placeholders (${lang}); still a valid snippet that round-trips`, () => {
      const f = factsOf(incident, 'fin-wait-1', lang);
      const { snippet, markdown } = buildTemplate('fin-wait-1', lang, f);
      assert.deepEqual(validateSnippet(snippet), []);
      assert.equal(snippetToPlainText(snippet), markdown);
      const title = markdown.split('\n')[0] ?? '';
      assert.ok(title.endsWith(lang === 'en' ? '— web-07, 2025-03-14T09:41:00+08:00' : '— web-07，2025-03-14T09:41:00+08:00'), title);
      assert.match(markdown, lang === 'en' ? /\*\*Kernel:\*\* 6\.8\.0-45-generic · \*\*Observed:\*\* symptom/ : /\*\*内核：\*\* 6\.8\.0-45-generic · \*\*表现：\*\* 现象/);
      // The tab stops stay (the user can still tab through and overwrite): ${1:web-07} …, ${4:placeholder}.
      assert.ok(snippet.includes('${1:web-07}'));
      assert.ok(snippet.includes('${3:6.8.0-45-generic}'));
      const values = tableValues(markdown);
      assert.equal(values.get('cat /proc/net/sockstat'), 'orphan 20,000 · tw 10,120 · mem 170,000');
      assert.equal(values.get('uname -r'), '`6.8.0-45-generic`');
      assert.match(values.get("ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'") ?? '', /FIN-WAIT-1 61,920/);
      assert.equal(values.get('ss -s'), '', 'what the note does not give stays empty');
      assert.equal(values.get('getconf PAGESIZE'), '');
      assert.match(markdown, lang === 'en' ? /\*\*Likely cause \(from the note's evidence\):\*\* .*\(\[source\]\(https:/ : /\*\*可能原因（依据笔记中的证据）：\*\* .*（\[来源\]\(https:/);
    });
  }

  it('without facts it is byte for byte the placeholder template', () => {
    for (const lang of ['en', 'zh-cn'] as const) assert.equal(buildTemplate('last-ack', lang, NO_FACTS).markdown, buildTemplate('last-ack', lang).markdown);
  });

  it('a time or host with snippet syntax cannot break the snippet', () => {
    const { snippet, markdown } = buildTemplate('general', 'en', { host: 'h$1}', time: '${2:x}', values: { sockstat: 'orphan $0 | }' }, cause: { message: 'm ${3} \\', source: 'https://example.com/a' } });
    assert.deepEqual(validateSnippet(snippet), []);
    assert.equal(snippetToPlainText(snippet), markdown);
    assert.ok(markdown.includes('orphan $0 \\| }'), 'a pipe in a value is escaped for the table');
  });
});
