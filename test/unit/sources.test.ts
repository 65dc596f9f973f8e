/**
 * Sources as links: every reference in the shipped catalogue resolves to a public URL with a readable label,
 * and no user-visible text (hovers, the Explain view, tooltips, the CLI's `explain`, misconception findings)
 * shows a private key of the research file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATE_IDS, type Lang } from '../../src/core/catalogue/types';
import { STATE_KNOWLEDGE } from '../../src/core/catalogue/states';
import { TERMS } from '../../src/core/catalogue/terms';
import { resolveReference, resolveSources, sourcesMarkdown, symbolLabel, unresolvedReferences } from '../../src/core/catalogue/sources';
import { explainAggregate, explainState, explainStateText, explainTerm } from '../../src/core/explain';
import { stateTooltip } from '../../src/core/preview';
import { DIAGRAM_ANNOTATIONS, DIAGRAM_EDGES } from '../../src/core/diagram/graph';
import { MISCONCEPTION_RULES } from '../../src/core/knowledge/misconceptions';
import { explainConntrack } from '../../src/core/knowledge/conntrack';
import { kernelFromSetting, kernelSources } from '../../src/core/knowledge/kernel';

const LANGS: readonly Lang[] = ['en', 'zh-cn'];

/** The research file's private keys: K-…, C-…, PG-…, ML-…, RFC9293 / RFC793 as keys, man-tcp7, ss.8, CF1, TS, … */
const PRIVATE_KEY = /(?<![\w/.-])(?:K-[a-z][\w.-]*|C-[A-Z][A-Z0-9]+|PG-[\w-]+|ML-\d{4}|MS-[A-Z]+|RFC9293|RFC793|man-tcp7|ss\.8|CF[12]|TS|LA|VB)(?![\w-])/;

function allSourceStrings(): string[] {
  const out: string[] = [];
  for (const k of Object.values(STATE_KNOWLEDGE)) out.push(k.lifetime.source, k.orphan.why.source, ...k.pitfalls.map((p) => p.source));
  for (const t of TERMS) out.push(...t.details.map((d) => d.source));
  for (const e of [...DIAGRAM_EDGES, ...DIAGRAM_ANNOTATIONS]) out.push(e.source);
  for (const r of MISCONCEPTION_RULES) out.push(r.source);
  return out;
}

test('every reference in the catalogue, the diagram and the rules resolves to a public link', () => {
  const sources = allSourceStrings();
  assert.ok(sources.length > 100);
  assert.deepEqual(unresolvedReferences(sources), []);
  for (const link of resolveSources(sources)) {
    assert.match(link.url, /^https?:\/\/[a-z0-9.-]+\.[a-z]{2,}\/[^\s)<>"]*$/i, link.url);
    assert.ok(link.label.length >= 4, link.label);
    assert.doesNotMatch(link.label, PRIVATE_KEY, link.label);
  }
});

test('kernel files link to Elixir at the pinned LTS tag and name the function', () => {
  const l = resolveReference('K-timer tcp_write_timeout, tcp_orphan_retries');
  assert.deepEqual(l, {
    label: 'net/ipv4/tcp_timer.c: tcp_write_timeout(), tcp_orphan_retries()',
    url: 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/tcp_timer.c',
  });
  assert.equal(resolveReference('K-h TCP_TIMEWAIT_LEN')?.label, 'include/net/tcp.h: TCP_TIMEWAIT_LEN');
  assert.equal(resolveReference('C-RECYCLE')?.url, 'https://git.kernel.org/torvalds/c/4396e46187ca');
  assert.equal(resolveReference('RFC9293 §3.4.2')?.url, 'https://www.rfc-editor.org/rfc/rfc9293#section-3.4.2');
  assert.equal(resolveReference('RFC9293 Fig. 5')?.url, 'https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2');
  assert.equal(resolveReference('man-tcp7')?.url, 'https://man7.org/linux/man-pages/man7/tcp.7.html');
  assert.equal(resolveReference('K-doc-sysctl tcp_fin_timeout')?.url, 'https://docs.kernel.org/networking/ip-sysctl.html');
  assert.equal(resolveReference('NOPE-1 x'), undefined);
  assert.deepEqual(unresolvedReferences(['K-timer; NOPE-1 foo']), ['NOPE-1 foo']);
});

test('a source label gives "()" to functions only: arrays and variables say what they are', () => {
  assert.equal(symbolLabel('tcp_write_timeout'), 'tcp_write_timeout()');
  assert.equal(symbolLabel('new_state[]'), 'new_state[]');
  assert.equal(symbolLabel('tcp_orphan_count (per-CPU counter)'), 'tcp_orphan_count (per-CPU counter)');
  assert.equal(symbolLabel('TCP_TIMEWAIT_LEN'), 'TCP_TIMEWAIT_LEN');
  assert.equal(symbolLabel('sysctl_tcp_tw_reuse_delay'), 'sysctl_tcp_tw_reuse_delay');
  assert.equal(resolveReference('K-tcp.c __tcp_close, new_state[]')?.label, 'net/ipv4/tcp.c: __tcp_close(), new_state[]');
  assert.equal(resolveReference('K-sysctl ipv4_table[]')?.label, 'net/ipv4/sysctl_net_ipv4.c: ipv4_table[]');
  // The shipped catalogue names these arrays and variables; no label may show them as calls.
  const labels = resolveSources(allSourceStrings()).map((l) => l.label).join('\n');
  for (const notAFunction of ['new_state', 'ipv4_table', 'tcp_orphan_count', 'sstate_name']) {
    assert.ok(labels.includes(notAFunction), `${notAFunction} is cited`);
    assert.ok(!labels.includes(`${notAFunction}()`), `${notAFunction} is not a function:\n${labels}`);
  }
});

test('Markdown links: labels escaped, one link per distinct label', () => {
  const md = sourcesMarkdown(['K-tcp.c __tcp_close; K-tcp.c __tcp_close', 'CF2']);
  assert.equal(md.match(/\]\(https:/g)?.length, 2);
  assert.match(md, /^\[net\/ipv4\/tcp\\\.c: \\_\\_tcp\\_close\\\(\\\)\]\(https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/tcp\.c\)/);
});

function assertNoKeys(where: string, text: string): void {
  assert.doesNotMatch(text, PRIVATE_KEY, `${where} shows a private source key:\n${text}`);
}

test('no hover, Explain view, tooltip or CLI explanation shows a private key; each one links its sources', () => {
  for (const lang of LANGS) {
    for (const id of STATE_IDS) {
      const md = explainState(id, { lang });
      assertNoKeys(`state ${id} (${lang})`, md);
      assert.match(md, /\*\*(?:Sources:|来源：)\*\* \[(?:[^\]\\]|\\.)+\]\(https?:\/\//, `${id} links its sources`);
      const plain = explainStateText(id, { lang });
      assertNoKeys(`diagram tooltip ${id}`, plain);
      assert.match(plain, /\(https?:\/\/[^)\s]+\)/, `${id} diagram tooltip keeps the address`);
      assert.doesNotMatch(plain, /\]\(/, 'no Markdown link syntax in plain text');
      const tip = stateTooltip(id, lang);
      assertNoKeys(`preview tooltip ${id}`, tip);
      assert.match(tip, /\(https?:\/\//);
    }
    for (const term of TERMS) {
      const md = explainTerm(term, { lang });
      assertNoKeys(`term ${term.id} (${lang})`, md);
      if (term.details.length) assert.match(md, /\]\(https?:\/\//, `${term.id} links its sources`);
    }
    assertNoKeys('aggregate', explainAggregate('connected', ['ESTABLISHED'], lang));
    for (const r of MISCONCEPTION_RULES) {
      assertNoKeys(`rule ${r.id}`, r.message[lang] + r.fact[lang]);
    }
    for (const s of ['ESTABLISHED', 'TIME_WAIT', 'SYN_SENT']) assertNoKeys(`conntrack ${s}`, explainConntrack(s, lang));
  }
});

test('the private-key detector itself catches what it must', () => {
  for (const bad of ['_Source: K-timer tcp_orphan_retries; PG-bkmy88_', 'see C-RECYCLE', 'RFC9293 §3.3.2', 'ML-2025']) {
    assert.match(bad, PRIVATE_KEY, bad);
  }
  for (const fine of ['RFC 9293 §3.3.2', 'net/ipv4/tcp_timer.c', 'TCP_TIMEWAIT_LEN', 'FIN-WAIT-1', 'TCP-LA']) {
    assert.doesNotMatch(fine, PRIVATE_KEY, fine);
  }
});

/** The URLs a hover links in its sources line. */
function linkedUrls(md: string): Set<string> {
  const line = md.split('\n\n').find((p) => /^\*\*(?:Sources|来源):\*\*/.test(p)) ?? '';
  return new Set([...line.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1] ?? ''));
}

test('a term hover links the sources of the details it shows, not of the ones it leaves out', () => {
  let hiddenOnly = 0;
  for (const term of TERMS) {
    const md = explainTerm(term, { lang: 'en' });
    const shown = new Set(resolveSources([...term.details.slice(0, 3).map((d) => d.source), ...kernelSources(term.id)]).map((l) => l.url));
    const linked = linkedUrls(md);
    for (const url of linked) assert.ok(shown.has(url), `${term.id} links ${url}, which no shown text cites`);
    for (const url of shown) assert.ok(linked.has(url), `${term.id} does not link ${url}`);
    const hidden = resolveSources(term.details.slice(3).map((d) => d.source)).filter((l) => !shown.has(l.url));
    if (hidden.length) hiddenOnly++;
    for (const l of hidden) assert.ok(!linked.has(l.url), `${term.id} links ${l.url} of a detail it does not show`);
  }
  assert.ok(hiddenOnly > 0, 'some term cites a source in a detail the hover leaves out (or this test proves nothing)');
});

test('the version line links its commit only when it is shown', () => {
  const bhash2 = 'https://git.kernel.org/torvalds/c/936a192f9740';
  const old = kernelFromSetting('5.10');
  assert.ok(old);
  assert.ok(linkedUrls(explainState('TIME-WAIT', { lang: 'en' })).has(bhash2), 'no kernel known: every change, with its commit');
  const on510 = explainState('TIME-WAIT', { lang: 'en', kernel: old });
  const prose = on510.split('\n\n').filter((p) => !/^\*\*Sources:\*\*/.test(p)).join('\n\n');
  assert.doesNotMatch(prose, /bhash2/, 'nothing about 6.2 is said for 5.10');
  assert.ok(!linkedUrls(on510).has(bhash2), 'so its commit is not linked');
  assert.ok(linkedUrls(explainState('TIME-WAIT', { lang: 'en', kernel: kernelFromSetting('6.8') })).has(bhash2));
});

test('code newer than the pinned LTS tag is linked at a release that has it', () => {
  assert.deepEqual(resolveReference('K-timer-6.15 tcp_probe_timer'), {
    label: 'net/ipv4/tcp_timer.c (Linux 6.15): tcp_probe_timer()',
    url: 'https://elixir.bootlin.com/linux/v6.15/source/net/ipv4/tcp_timer.c',
  });
  assert.equal(resolveReference('K-ipv4-6.14 tcp_twsk_unique')?.url, 'https://elixir.bootlin.com/linux/v6.14/source/net/ipv4/tcp_ipv4.c');
  // tcp_rto_max(sk) is 6.15 code and sysctl_tcp_tw_reuse_delay 6.14 code: v6.12 links would open files without them.
  const rtoMax = TERMS.find((t) => t.id === 'net.ipv4.tcp_rto_max_ms');
  const reuseDelay = TERMS.find((t) => t.id === 'net.ipv4.tcp_tw_reuse_delay');
  for (const [term, tag] of [[rtoMax, 'v6.15'], [reuseDelay, 'v6.14']] as const) {
    assert.ok(term);
    const kernelLinks = resolveSources(term.details.map((d) => d.source)).filter((l) => l.url.startsWith('https://elixir.bootlin.com/'));
    assert.ok(kernelLinks.length > 0, term.id);
    for (const l of kernelLinks) assert.ok(l.url.includes(`/linux/${tag}/`), `${term.id} links ${l.url}`);
  }
});

test('the 2025 FIN-WAIT-1 stall is an unmerged RFC wherever it is told', () => {
  const cites = [
    ...Object.values(STATE_KNOWLEDGE).flatMap((k) => [k.lifetime, k.orphan.why, ...k.pitfalls]),
    ...TERMS.flatMap((t) => t.details),
  ].filter((f) => f.source.includes('ML-2025'));
  assert.ok(cites.length >= 3);
  for (const f of cites) {
    assert.match(f.text.en, /2025 netdev RFC.*merge status is unknown/, f.text.en);
    assert.match(f.text['zh-cn'], /RFC.*是否合入未知/, f.text['zh-cn']);
  }
});
