/**
 * The agent tools' core (src/core/agents): what VS Code's language-model tools and the MCP server both return,
 * the errors a model acts on, the catalogue resources, and the manifest (tool schemas, the agent skill).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fixtureDir, repoPath } from '../support/repo';
import { checkTcpNote, explainTcpState, MAX_LISTED_FINDINGS, noteOptions, requireOneNoteInput, snapshotToolText, summarizeSocketEvidence, ToolError } from '../../src/core/agents/tools';
import { catalogueResources, readCatalogueResource } from '../../src/core/agents/resources';
import { LM_TOOL_SCHEMAS } from '../../src/core/agents/schemas';
import { MAX_MARKDOWN_ROWS } from '../../src/core/report/markdown';
import { SNAPSHOT_UNSUPPORTED_CONTEXT, TOOL_NAMES } from '../../src/core/agents/names';
import { messageLang } from '../../src/core/agents/input';
import { AGENT_INSTRUCTIONS } from '../../src/core/agents/guidance';
import { STATE_IDS } from '../../src/core/catalogue/types';
import { TERMS } from '../../src/core/catalogue/terms';

const INCIDENT = readFileSync(join(fixtureDir('report'), 'incident.md'), 'utf8');

function toolError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ToolError, `expected a ToolError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected a ToolError');
}

describe('explain_tcp_state', () => {
  it('explains a state in any spelling, with its sources', () => {
    for (const term of ['FIN_WAIT1', 'TCP_FIN_WAIT1', 'fin-wait-1', 'FinWait1', '04', ' `FIN-WAIT-1` ', 'FIN_WAIT1s']) {
      const md = explainTcpState({ term }, 'en');
      assert.match(md, /FIN-WAIT-1/, term);
      assert.match(md, /https:\/\//, `${term}: sources are links`);
    }
  });

  it('a plural of an upper-case spelling is the state, as in a note (TIME_WAITs); not for English words (LISTENs)', () => {
    assert.match(explainTcpState({ term: 'TIME_WAITs' }, 'en'), /TIME-WAIT/);
    assert.throws(() => explainTcpState({ term: 'LISTENs' }, 'en'), /Unknown term "LISTENs"/);
  });

  it('explains sysctls, counters and kernel messages; lang picks the language (zh-CN accepted)', () => {
    assert.match(explainTcpState({ term: 'tcp_max_orphans' }, 'en'), /tcp_max_orphans/);
    assert.match(explainTcpState({ term: 'TcpExtTCPAbortOnMemory' }, 'en'), /TCPAbortOnMemory/);
    const zh = explainTcpState({ term: 'CLOSE_WAIT', lang: 'zh-CN' }, 'en');
    assert.match(zh, /[\u4e00-\u9fff]/);
    assert.notEqual(zh, explainTcpState({ term: 'CLOSE_WAIT', lang: 'en' }, 'zh-cn'));
    assert.equal(explainTcpState({ term: 'CLOSE_WAIT' }, 'zh-cn'), zh, 'the fallback language applies without lang');
  });

  it('an unknown term is an error with near matches and what to send instead', () => {
    const msg = toolError(() => explainTcpState({ term: 'FIN_WAIT3' }, 'en'));
    assert.match(msg, /Unknown term "FIN_WAIT3"/);
    assert.match(msg, /Did you mean FIN_WAIT2 or FIN_WAIT1\?/);
    assert.match(msg, /do not guess/);
    assert.match(toolError(() => explainTcpState({ term: 'tcp_max_orhpans' }, 'en')), /net\.ipv4\.tcp_max_orphans/);
    assert.doesNotMatch(toolError(() => explainTcpState({ term: 'banana' }, 'en')), /Did you mean/);
    assert.match(toolError(() => explainTcpState({ term: 'FIN_WAIT3' }, 'zh-cn')), /未知术语/);
  });

  it('rejects inputs a model must correct, saying how', () => {
    assert.match(toolError(() => explainTcpState({}, 'en')), /`term` is required/);
    assert.match(toolError(() => explainTcpState({ term: '   ' }, 'en')), /`term` is required/);
    assert.match(toolError(() => explainTcpState({ term: 42 }, 'en')), /`term` must be a string \(got number 42\)/);
    assert.match(toolError(() => explainTcpState({ term: 'x'.repeat(300) }, 'en')), /at most 200 characters/);
    assert.match(toolError(() => explainTcpState({ term: 'LISTEN', lang: 'fr' }, 'en')), /`lang` must be "en" or "zh-cn" \(got "fr"\)/);
    assert.match(toolError(() => explainTcpState({ term: 'LISTEN', state: 'x' }, 'en')), /Unknown input property "state"; this tool takes `term`, `lang`/);
    assert.match(toolError(() => explainTcpState('LISTEN', 'en')), /must be a JSON object/);
  });
});

describe('summarize_socket_evidence', () => {
  it('reports counts, per-connection detail, timeline, causes and sources of the whole note', () => {
    const md = summarizeSocketEvidence({ text: INCIDENT, name: 'incident.md' }, { lang: 'en' });
    assert.match(md, /TCP evidence report — incident\.md/);
    assert.match(md, /\| FIN-WAIT-1 \| 61,920 \| 4 \|/);
    assert.match(md, /### Timeline/);
    assert.match(md, /### Likely causes/);
    assert.match(md, /### Sources\n\n- <https:\/\//);
  });

  it('a line range is read alone, keeping the note\'s line numbers', () => {
    const whole = summarizeSocketEvidence({ text: INCIDENT, name: 'n.md' }, { lang: 'en' });
    const part = summarizeSocketEvidence({ text: INCIDENT, name: 'n.md' }, noteOptions({ startLine: 20, endLine: 26 }, 'en'));
    assert.match(part, /^Lines 20–26 of n\.md/);
    assert.doesNotMatch(part, /FIN-WAIT-1 \| 61,920/, 'the count block above the range is not read');
    // The 09:31 sample inside the range keeps the line number the whole note gives it.
    const line = /\| 2025-03-14T09:31:00\+08:00 \| (\d+) \| 16,000 \|/.exec(part);
    assert.ok(line, part);
    assert.ok(Number(line[1]) >= 20 && Number(line[1]) <= 26, part);
    assert.match(whole, new RegExp(`\\| 2025-03-14T09:31:00\\+08:00 \\| ${line[1]} \\| 16,000 \\|`));
    assert.match(part, /One timed sample: no trend/);
  });

  it('range errors say what range the note has', () => {
    assert.match(toolError(() => summarizeSocketEvidence({ text: 'a\nb\n', name: 'n' }, noteOptions({ startLine: 9 }, 'en'))), /past the end of the note, which has 3 lines/);
    assert.match(toolError(() => noteOptions({ startLine: 5, endLine: 2 }, 'en')), /`endLine` \(2\) is before `startLine` \(5\)/);
    assert.match(toolError(() => noteOptions({ startLine: 0 }, 'en')), /`startLine` must be a line number/);
    assert.match(toolError(() => noteOptions({ startLine: 1.5 }, 'en')), /line number/);
  });

  it('refuses text over the size cap', () => {
    const big = 'x'.repeat(21 * 1024 * 1024);
    assert.match(toolError(() => summarizeSocketEvidence({ text: big, name: 'big' }, { lang: 'en' })), /at most 20 MB is analysed/);
  });
});

describe('check_tcp_note', () => {
  const NOTE = 'Many FIN_WAIT3 sockets here.\n\nSomeone wrote that tcp_fin_timeout controls TIME_WAIT, so we set it to 10.\n';

  it('lists typos with the fix in the note\'s spelling and wrong claims with the fact, each with a source', () => {
    const r = checkTcpNote({ text: NOTE, name: 'n.md' }, { lang: 'en' });
    assert.equal(r.findings, 2);
    assert.match(r.text, /Findings: 2 \(typos: 1, wrong claims: 1\)/);
    assert.match(r.text, /1\. line 1, column 6: `FIN_WAIT3` is not a TCP state\.\n/);
    assert.doesNotMatch(r.text, /not a TCP state\.[^\n]*not a TCP state/, 'said once');
    assert.match(r.text, /Fix: replace it with `FIN_WAIT2` or `FIN_WAIT1`\./);
    assert.match(r.text, /line 3, column \d+: wrong claim — .*\[fin-timeout-time-wait\]/);
    assert.match(r.text, /Fix: tcp_fin_timeout bounds how long an orphaned connection stays in FIN-WAIT-2/);
    assert.equal((r.text.match(/Source: https:\/\//g) ?? []).length, 2);
  });

  it('says so when the note is clean; Chinese on request; a range keeps line numbers', () => {
    assert.match(checkTcpNote({ text: 'FIN-WAIT-1 is fine.\n', name: 'n' }, { lang: 'en' }).text, /No findings/);
    assert.match(checkTcpNote({ text: NOTE, name: 'n' }, { lang: 'zh-cn' }).text, /第 1 行第 6 列/);
    const part = checkTcpNote({ text: NOTE, name: 'n' }, noteOptions({ startLine: 3 }, 'en'));
    assert.equal(part.findings, 1);
    assert.match(part.text, /line 3, column/);
  });
});

describe('answer size', () => {
  it('a note full of look-alikes gives a bounded answer that says how many findings it left out', () => {
    const text = 'FIN_WAIT3 here\n'.repeat(MAX_LISTED_FINDINGS + 57);
    const check = checkTcpNote({ text, name: 'many.md' }, { lang: 'en' });
    assert.equal(check.findings, MAX_LISTED_FINDINGS + 57);
    assert.match(check.text, new RegExp(`\\n${MAX_LISTED_FINDINGS}\\. line ${MAX_LISTED_FINDINGS}, column 1: `));
    assert.doesNotMatch(check.text, new RegExp(`\\n${MAX_LISTED_FINDINGS + 1}\\. `));
    assert.match(check.text, /…and 57 more findings, not listed here/);
    const report = summarizeSocketEvidence({ text, name: 'many.md' }, { lang: 'en' });
    assert.equal((report.match(/^- line \d+: /gm) ?? []).length, MAX_MARKDOWN_ROWS);
    assert.match(report, new RegExp(`…and ${MAX_LISTED_FINDINGS + 57 - MAX_MARKDOWN_ROWS} more`));
    assert.ok(report.length < 100_000, `${report.length} characters`);
  });

  it('a long timeline keeps its first and last samples and says how many are left out', () => {
    const blocks = Array.from({ length: MAX_MARKDOWN_ROWS + 30 }, (_, i) => {
      const time = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString().slice(0, 16).replace('T', ' ');
      return `## ${time}\n\n\`\`\`\nTCP: inuse 10 orphan ${i} tw 5 alloc 12 mem 3\n\`\`\`\n`;
    });
    const report = summarizeSocketEvidence({ text: blocks.join('\n'), name: 't.md' }, { lang: 'en' });
    const rows = report.split('\n').filter((l) => /^\| 2026-01-01/.test(l));
    assert.equal(rows.length, MAX_MARKDOWN_ROWS);
    assert.match(rows[0] ?? '', /^\| 2026-01-01T00:00/);
    assert.match(rows[rows.length - 1] ?? '', new RegExp(`^\\| 2026-01-01T0${Math.floor((MAX_MARKDOWN_ROWS + 29) / 60)}:${String((MAX_MARKDOWN_ROWS + 29) % 60).padStart(2, '0')}`));
    assert.match(report, /\| … 30 samples between these … \|/);
  });
});

describe('MCP note input', () => {
  it('needs exactly one of path and text, in the requested language', () => {
    requireOneNoteInput(['path'], 'en');
    assert.match(toolError(() => requireOneNoteInput([], 'en')), /Send exactly one of `path` .* or `text` .*; got neither\./);
    assert.match(toolError(() => requireOneNoteInput(['path', 'text'], 'zh-cn')), /二选一；收到 `path` \+ `text`/);
  });
});

describe('capture_socket_snapshot text', () => {
  it('says the snapshot went into no note and lists what could not be read', () => {
    const text = snapshotToolText('```text\n# snapshot\n```\n', '2026-12-04T16:00:00+00:00', ['/proc/net/tcp6 (file not found)'], 'en');
    assert.match(text, /taken 2026-12-04T16:00:00\+00:00\. It was NOT inserted into any note/);
    assert.match(text, /```text\n# snapshot\n```/);
    assert.match(text, /Parts that could not be read: \/proc\/net\/tcp6 \(file not found\)\./);
  });
});

describe('catalogue resources', () => {
  it('lists every state, term and misconception once, under tcp-state-notes:// URIs', () => {
    const list = catalogueResources();
    assert.ok(list.some((r) => r.uri === 'tcp-state-notes://state/FIN-WAIT-1'));
    assert.ok(list.some((r) => r.uri === 'tcp-state-notes://term/net.ipv4.tcp_max_orphans'));
    assert.ok(list.some((r) => r.uri === 'tcp-state-notes://misconception/tw-recycle'));
    assert.equal(list.filter((r) => r.uri.startsWith('tcp-state-notes://state/')).length, STATE_IDS.length);
    assert.equal(list.filter((r) => r.uri.startsWith('tcp-state-notes://term/')).length, TERMS.length);
    assert.equal(new Set(list.map((r) => r.uri)).size, list.length);
    for (const r of list) assert.ok(readCatalogueResource(r.uri), r.uri);
  });

  it('reads a document in either language; anything else is undefined', () => {
    const en = readCatalogueResource('tcp-state-notes://state/FIN-WAIT-1');
    const zh = readCatalogueResource('tcp-state-notes://state/FIN-WAIT-1?lang=zh-cn');
    assert.equal(en?.lang, 'en');
    assert.equal(zh?.lang, 'zh-cn');
    assert.match(zh?.text ?? '', /孤儿/);
    assert.equal(readCatalogueResource('tcp-state-notes://state/FIN-WAIT-3'), undefined);
    assert.equal(readCatalogueResource('tcp-state-notes://state/%E0%A4%A'), undefined);
    assert.equal(readCatalogueResource('file:///etc/passwd'), undefined);
  });
});

describe('manifest', () => {
  const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
    contributes: { languageModelTools: { name: string; inputSchema: unknown; modelDescription: string; toolReferenceName: string }[]; chatSkills: { path: string }[] };
  };

  it('contributes the four tools with the core\'s input schemas, verb_noun names and a when-not in each description', () => {
    const tools = pkg.contributes.languageModelTools;
    assert.deepEqual(tools.map((t) => t.name), Object.keys(LM_TOOL_SCHEMAS));
    for (const t of tools) {
      assert.match(t.name, /^[a-z]+_[a-z_]+$/);
      assert.deepEqual(t.inputSchema, LM_TOOL_SCHEMAS[t.name as keyof typeof LM_TOOL_SCHEMAS], t.name);
      assert.match(t.modelDescription, /\b(Not|Do not|not)\b/, `${t.name} says when not to use it`);
      assert.ok(t.modelDescription.length > 200, t.name);
    }
  });

  it('offers capture_socket_snapshot only where the extension host can read /proc (its when clause), the others everywhere', () => {
    const when = Object.fromEntries(pkg.contributes.languageModelTools.map((t) => [t.name, (t as { when?: string }).when]));
    assert.deepEqual(when, { [TOOL_NAMES.explain]: undefined, [TOOL_NAMES.summarize]: undefined, [TOOL_NAMES.check]: undefined, [TOOL_NAMES.snapshot]: `!${SNAPSHOT_UNSUPPORTED_CONTEXT}` });
  });

  it('contributes the agent skill in a folder named like the skill, packaged, stating the three facts with sources', () => {
    const [skill] = pkg.contributes.chatSkills;
    assert.ok(skill);
    const file = repoPath(skill.path);
    assert.ok(existsSync(file), file);
    const text = readFileSync(file, 'utf8');
    const name = /^---\nname: ([a-z0-9-]+)\n/.exec(text)?.[1];
    assert.equal(name, dirname(file).split(/[\\/]/).pop());
    assert.match(text, /\ndescription: .{50,1024}\n---\n/);
    assert.match(text, /TIME-WAIT and CLOSE-WAIT sockets are not orphans/);
    assert.match(text, /tcp_fin_timeout` does not shorten TIME-WAIT/);
    assert.match(text, /removed in Linux 4\.12/);
    for (const tool of Object.keys(LM_TOOL_SCHEMAS)) assert.match(text, new RegExp(`\`${tool}\``));
    assert.ok((text.match(/<https:\/\//g) ?? []).length >= 4);
    assert.match(readFileSync(repoPath('.vscodeignore'), 'utf8'), /^!skills\/\*\*$/m);
  });

  it('the MCP instructions say the same facts', () => {
    assert.match(AGENT_INSTRUCTIONS, /TIME-WAIT and CLOSE-WAIT sockets are not orphans/);
    assert.match(AGENT_INSTRUCTIONS, /does not shorten TIME-WAIT/);
    assert.match(AGENT_INSTRUCTIONS, /removed in Linux 4\.12/);
  });
});

describe('messageLang: the language of messages about an input, before it is checked', () => {
  it('takes the lang the input asks for as langInput reads it, else English; never throws', () => {
    assert.equal(messageLang({ lang: 'zh-CN' }), 'zh-cn');
    assert.equal(messageLang({ lang: 'zh' }), 'zh-cn');
    assert.equal(messageLang({ lang: 'zh_cn', extra: 1 }), 'zh-cn');
    assert.equal(messageLang({ lang: 'en-GB' }), 'en');
    for (const bad of [{ lang: 'fr' }, { lang: 7 }, {}, null, 'zh-cn', ['zh-cn']]) assert.equal(messageLang(bad), 'en', JSON.stringify(bad));
  });
});
