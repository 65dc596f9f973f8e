/**
 * Unit tests of the diagnosis-template core (src/core/template).
 *   npx esbuild test/unit/template.test.ts --bundle --platform=node --format=cjs --outfile=/tmp/tpl/template.test.js
 *   node --test /tmp/tpl/template.test.js        (from the repository root)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import type { Blockquote, Heading, List, Nodes, Root, RootContent, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

import type { Lang } from '../../src/core/catalogue/types';
import {
  TEMPLATE_SYMPTOMS,
  TEMPLATE_VARIANTS,
  buildSnippetDefinitions,
  buildSnippetFileText,
  buildTemplate,
  describeSymptom,
  detectNoteLanguage,
  LANGUAGE_SAMPLE,
  isTemplateSymptom,
  preselectForNote,
  preselectSymptom,
  snippetPrefix,
  snippetToPlainText,
  validateSnippet,
} from '../../src/core/template';
import type { TemplateSymptom } from '../../src/core/template';
import { analyzeNote } from '../../src/core/note/analyze';
import { piecesToPlain, piecesToSnippet } from '../../src/core/template/snippet';
import { repoRoot } from '../support/repo';

// ---------------------------------------------------------------------------------------------
// helpers

const LANGS: readonly Lang[] = ['en', 'zh-cn'];


function parse(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown);
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

/** Root children grouped by the H3 heading they follow ('' = before the first H3). */
function sections(root: Root): Map<string, RootContent[]> {
  const out = new Map<string, RootContent[]>([['', []]]);
  let current = '';
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth === 3) {
      current = textOf(node);
      out.set(current, []);
      continue;
    }
    out.get(current)?.push(node);
  }
  return out;
}

/** Every code string (inline code and fenced code) under the given nodes. */
function codeIn(nodes: readonly RootContent[]): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    visit(n, (child) => {
      if (child.type === 'inlineCode' || child.type === 'code') out.push(child.value);
    });
  }
  return out;
}

function allText(nodes: readonly RootContent[]): string {
  return nodes.map((n) => textOf(n)).join('\n');
}

const SECTIONS: Record<Lang, readonly string[]> = {
  en: ['Symptoms', 'Snapshot', 'State checks', 'Analysis', 'Remediation', 'References'],
  'zh-cn': ['现象', '现场快照', '分状态检查', '分析', '处置', '参考资料'],
};

const PLACEHOLDERS: Record<Lang, readonly string[]> = {
  en: ['host', 'time', 'kernel version', 'symptom'],
  'zh-cn': ['主机', '时间', '内核版本', '现象'],
};

const SNAPSHOT_COMMANDS = [
  'uname -r',
  'cat /proc/net/sockstat',
  'sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_mem net.ipv4.tcp_orphan_retries net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_tw_buckets net.ipv4.tcp_retries2',
  'getconf PAGESIZE',
  'ss -s',
  "ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'",
  "nstat -az 'TcpExtTCPAbortOn*' TcpExtTCPTimeWaitOverflow",
  "dmesg -T | grep -i -E 'orphan|tcp_mem|socket memory'",
];

/** Commands each variant's state checks must contain. */
const STATE_CHECK_COMMANDS: Record<TemplateSymptom, readonly string[]> = {
  general: [
    'ss -tanoi state fin-wait-1',
    'ss -tano state last-ack',
    'ss -tano state closing',
    'ss -tano state fin-wait-2',
    'ss -tanp state close-wait',
  ],
  'fin-wait-1': ['ss -tanoi state fin-wait-1', 'ss -tano state last-ack', 'ss -tano state closing'],
  'fin-wait-2': ['ss -tano state fin-wait-2', 'ss -tanp state close-wait'],
  'last-ack': ['ss -tano state last-ack', 'ss -tano state closing'],
  'close-wait': ['ss -tanp state close-wait'],
  'time-wait': ['ss -tano state time-wait', 'sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse'],
};

const REFERENCE_URLS = [
  'https://docs.kernel.org/networking/ip-sysctl.html',
  'https://man7.org/linux/man-pages/man7/tcp.7.html',
  'https://man7.org/linux/man-pages/man8/ss.8.html',
  'https://www.rfc-editor.org/rfc/rfc9293',
  'https://yq.aliyun.com/articles/91966',
  'https://yq.aliyun.com/articles/92925',
];

/**
 * Scans a snippet the way VS Code reads it and returns every tab stop written with `$`
 * (escaped `\$`, `\}`, `\\` skipped): `{ index, placeholder }`, placeholder undefined for `$n`.
 * Any other `$` is returned as a stray.
 */
function scanDollars(snippet: string): { stops: { index: number; placeholder?: string }[]; strays: number[] } {
  const stops: { index: number; placeholder?: string }[] = [];
  const strays: number[] = [];
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '$') continue;
    const rest = snippet.slice(i);
    const withText = /^\$\{(\d+):([^}\\$]*)\}/.exec(rest);
    const bare = /^\$(\d+)/.exec(rest);
    if (withText) {
      stops.push({ index: Number(withText[1]), placeholder: withText[2] });
      i += withText[0].length - 1;
    } else if (bare) {
      stops.push({ index: Number(bare[1]) });
      i += bare[0].length - 1;
    } else {
      strays.push(i);
    }
  }
  return { stops, strays };
}

// ---------------------------------------------------------------------------------------------
// the templates

describe('buildTemplate', () => {
  for (const symptom of TEMPLATE_SYMPTOMS) {
    for (const lang of LANGS) {
      describe(`${symptom} / ${lang}`, () => {
        const { snippet, markdown } = buildTemplate(symptom, lang);
        const root = parse(markdown);
        const bySection = sections(root);

        it('has an H2 title with the host and time placeholders, then the H3 sections in order', () => {
          const headings: Heading[] = [];
          visit(root, 'heading', (h) => {
            headings.push(h);
          });
          const first = root.children[0];
          assert.ok(first && first.type === 'heading' && first.depth === 2, 'starts with an H2');
          const title = textOf(first);
          assert.ok(title.startsWith(TEMPLATE_VARIANTS[symptom].title[lang]), title);
          const [host, time] = PLACEHOLDERS[lang];
          assert.ok(title.includes(host ?? '?') && title.includes(time ?? '?'), title);
          assert.deepEqual(
            headings.map((h) => h.depth),
            [2, 3, 3, 3, 3, 3, 3],
          );
          assert.deepEqual(headings.slice(1).map(textOf), SECTIONS[lang]);
        });

        it('has a real GFM snapshot table with an empty Value column and every required command', () => {
          const snapshot = bySection.get(SECTIONS[lang][1] ?? '') ?? [];
          const tables = snapshot.filter((n): n is Table => n.type === 'table');
          assert.equal(tables.length, 1);
          const table = tables[0] as Table;
          const [header, ...rows] = table.children;
          assert.ok(header);
          assert.deepEqual(
            header.children.map(textOf),
            lang === 'en' ? ['What', 'Command', 'Value'] : ['项目', '命令', '取值'],
          );
          assert.ok(rows.length >= SNAPSHOT_COMMANDS.length);
          const commands: string[] = [];
          for (const row of rows) {
            assert.equal(row.children.length, 3, 'three cells per row');
            const [what, command, value] = row.children;
            assert.ok(what && textOf(what).trim() !== '', 'label filled');
            assert.ok(value && value.children.length === 0, 'Value cell empty');
            const code = command?.children[0];
            assert.ok(code && code.type === 'inlineCode' && command?.children.length === 1, 'command is one code span');
            commands.push(code.value);
          }
          for (const cmd of SNAPSHOT_COMMANDS) assert.ok(commands.includes(cmd), `missing ${cmd}`);
          // Pipes are escaped in the source so the table keeps three columns.
          assert.ok(markdown.includes("`ss -tan \\| awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'`"));
        });

        it('has the per-state checks of its state', () => {
          const checks = codeIn(bySection.get(SECTIONS[lang][2] ?? '') ?? []);
          const joined = checks.join('\n');
          for (const cmd of STATE_CHECK_COMMANDS[symptom]) assert.ok(joined.includes(cmd), `missing ${cmd}`);
        });

        it('has analysis prompts, including the ones for its state', () => {
          const analysis = bySection.get(SECTIONS[lang][3] ?? '') ?? [];
          assert.ok(analysis.some((n) => n.type === 'list'));
          const text = allText(analysis);
          if (symptom === 'general' || symptom === 'fin-wait-1' || symptom === 'last-ack') {
            assert.match(text, /tcp_max_orphans/);
            assert.match(text, /½/);
            assert.match(text, /¼/);
            assert.match(text, /240/);
            assert.ok(codeIn(analysis).some((c) => c.startsWith(`ss -Htan state ${symptom === 'general' ? 'fin-wait-1' : symptom} | awk`)));
          }
          if (symptom === 'general' || symptom === 'fin-wait-1') assert.match(text, /tcp_mem\[2\]/);
          if (symptom === 'general' || symptom === 'fin-wait-2' || symptom === 'time-wait') {
            assert.match(text, /tcp_max_tw_buckets/);
          }
        });

        it('has a remediation checklist naming safe and dangerous knobs', () => {
          const rem = bySection.get(SECTIONS[lang][4] ?? '') ?? [];
          const list = rem.find((n): n is List => n.type === 'list');
          assert.ok(list);
          assert.ok(list.children.every((item) => item.checked === false), 'task list items');
          const items = list.children.map(textOf);
          const safe = lang === 'en' ? 'Safe' : '安全';
          const danger = lang === 'en' ? 'Dangerous:' : '危险：';
          assert.ok(items.some((i) => i.startsWith(safe)));
          const dangerous = items.filter((i) => i.startsWith(danger));
          assert.ok(dangerous.some((i) => i.includes('tcp_max_orphans=0')), 'tcp_max_orphans=0 flagged dangerous');
          assert.ok(dangerous.some((i) => i.includes('tcp_tw_recycle') && i.includes('4.12')), 'tw_recycle flagged dangerous');
          assert.ok(dangerous.some((i) => i.includes('tcp_max_tw_buckets')), 'lowering limits flagged dangerous');
          assert.ok(!items.some((i) => i.startsWith(safe) && i.includes('tcp_max_orphans=0')));
          if (symptom !== 'close-wait' && symptom !== 'time-wait') {
            assert.ok(items.some((i) => i.startsWith(safe) && i.includes('ss -K state')), 'ss -K with a filter');
          }
          if (symptom === 'general' || symptom === 'fin-wait-1' || symptom === 'last-ack') {
            assert.ok(items.some((i) => i.startsWith(safe) && i.includes('tcp_max_orphans') && i.includes('64 KB')));
          }
        });

        it('lists the references', () => {
          const refs = bySection.get(SECTIONS[lang][5] ?? '') ?? [];
          const urls: string[] = [];
          for (const n of refs) {
            visit(n, 'link', (l) => {
              urls.push(l.url);
            });
          }
          for (const url of REFERENCE_URLS) assert.ok(urls.includes(url), `missing ${url}`);
        });

        it('is a valid snippet with tab stops 1..4 and a final $0, and no stray $', () => {
          assert.deepEqual(validateSnippet(snippet), []);
          const { stops, strays } = scanDollars(snippet);
          assert.deepEqual(strays, [], 'every literal $ is escaped');
          const numbered = stops.filter((s) => s.index !== 0);
          assert.deepEqual(
            numbered.map((s) => s.index),
            [1, 2, 3, 4],
          );
          assert.deepEqual(
            numbered.map((s) => s.placeholder),
            PLACEHOLDERS[lang],
          );
          assert.deepEqual(
            stops.filter((s) => s.index === 0),
            [{ index: 0 }],
          );
          assert.ok(snippet.endsWith('\n$0'));
          // awk fields are escaped in the snippet and plain in the Markdown.
          assert.ok(snippet.includes('c[\\$1]++\\}'));
          assert.ok(markdown.includes('c[$1]++}'));
        });

        it('round-trips: snippetToPlainText(snippet) === markdown', () => {
          assert.equal(snippetToPlainText(snippet), markdown);
          assert.ok(!markdown.includes('${'), 'no tab stop left in the Markdown');
          assert.ok(!markdown.includes('\\$'), 'no snippet escape left in the Markdown');
          assert.ok(markdown.endsWith('\n') && !markdown.endsWith('\n\n'));
        });

        it('is written in its language and asserts nothing the facts mark unverified', () => {
          assert.equal(detectNoteLanguage(markdown), lang);
          assert.ok(!/CONFIG_/.test(markdown), 'no Kconfig name');
          if (lang === 'zh-cn') {
            // Commands and identifiers stay ASCII.
            for (const c of codeIn(root.children)) assert.ok(!/\p{Script=Han}/u.test(c), c);
          }
        });

        if (symptom === 'close-wait' || symptom === 'time-wait' || symptom === 'fin-wait-2') {
          it('says plainly, right under the title, whether these are orphans and why', () => {
            const intro = bySection.get('') ?? [];
            const quote = intro.find((n): n is Blockquote => n.type === 'blockquote');
            assert.ok(quote, 'a notice under the title');
            const text = textOf(quote);
            if (symptom === 'fin-wait-2') {
              assert.match(text, /keepalive/);
              assert.match(text, /timewait/);
              assert.match(text, /60/);
            } else {
              assert.match(text, lang === 'en' ? /NOT orphans/ : /不是 orphan/);
              assert.match(text, symptom === 'close-wait' ? /close\(\)/ : /\btw\b/);
            }
          });
        }
      });
    }
  }

  it('keeps the snapshot identical across variants of one language', () => {
    for (const lang of LANGS) {
      const snapshots = TEMPLATE_SYMPTOMS.map((s) => {
        const md = buildTemplate(s, lang).markdown;
        return md.slice(md.indexOf('| '), md.lastIndexOf(' |  |'));
      });
      for (const s of snapshots) assert.equal(s, snapshots[0]);
    }
  });

  it('escapes the templates from one structured source (no hand-written second copy)', () => {
    const pieces = ['a $1 } \\ b ', { index: 1, placeholder: 'h$st}' }, '\n', { index: 0, placeholder: '' }];
    assert.equal(piecesToSnippet(pieces), 'a \\$1 \\} \\\\ b ${1:h\\$st\\}}\n$0');
    assert.equal(piecesToPlain(pieces), 'a $1 } \\ b h$st}\n');
    assert.equal(snippetToPlainText(piecesToSnippet(pieces)), piecesToPlain(pieces));
    assert.deepEqual(validateSnippet(piecesToSnippet(pieces)), []);
  });
});

// ---------------------------------------------------------------------------------------------

describe('variants', () => {
  it('has six distinct symptoms with a label and detail in both languages', () => {
    assert.deepEqual([...TEMPLATE_SYMPTOMS], ['general', 'fin-wait-1', 'fin-wait-2', 'last-ack', 'close-wait', 'time-wait']);
    for (const symptom of TEMPLATE_SYMPTOMS) {
      assert.ok(isTemplateSymptom(symptom));
      for (const lang of LANGS) {
        const { label, detail } = describeSymptom(symptom, lang);
        assert.ok(label.length > 0 && detail.length > 0);
        assert.equal(label, TEMPLATE_VARIANTS[symptom].title[lang]);
      }
    }
    assert.ok(!isTemplateSymptom('established'));
    assert.match(describeSymptom('close-wait', 'en').detail, /NOT orphans/);
    assert.match(describeSymptom('time-wait', 'en').detail, /NOT orphans/);
    assert.match(describeSymptom('close-wait', 'zh-cn').detail, /不是 orphan/);
    assert.match(describeSymptom('time-wait', 'zh-cn').detail, /不是 orphan/);
    assert.match(describeSymptom('general', 'en').detail, /too many orphaned sockets/);
  });

  it('names the snippet prefixes', () => {
    assert.equal(snippetPrefix('general', 'en'), 'tcpdiag');
    assert.equal(snippetPrefix('fin-wait-1', 'en'), 'tcpdiag-fin-wait-1');
    assert.equal(snippetPrefix('general', 'zh-cn'), 'tcpdiag-zh');
    assert.equal(snippetPrefix('time-wait', 'zh-cn'), 'tcpdiag-zh-time-wait');
  });
});

describe('snippets/markdown.json', () => {
  it('equals what buildTemplate generates now (regenerate with scripts/gen-snippets.ts)', () => {
    const committed = readFileSync(join(repoRoot(), 'snippets', 'markdown.json'), 'utf8');
    assert.equal(committed, buildSnippetFileText());
  });

  it('has one snippet per variant and language, bodies joining back to the snippet', () => {
    const defs = Object.values(buildSnippetDefinitions());
    assert.equal(defs.length, TEMPLATE_SYMPTOMS.length * LANGS.length);
    const prefixes = defs.map((d) => d.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const lang of LANGS) {
      for (const symptom of TEMPLATE_SYMPTOMS) {
        const def = defs.find((d) => d.prefix === snippetPrefix(symptom, lang));
        assert.ok(def);
        assert.equal(def.body.join('\n'), buildTemplate(symptom, lang).snippet);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateSnippet', () => {
  it('accepts well-formed snippets', () => {
    assert.deepEqual(validateSnippet('## ${1:host} ${2:time}\nawk \'{print \\$1\\}\'\n$0'), []);
    assert.deepEqual(validateSnippet('${1:outer ${2:inner}} ${3|a,b|} ${TM_FILENAME}'), []);
    assert.deepEqual(validateSnippet('no placeholders at all'), []);
  });

  it('reports an unescaped awk $1', () => {
    const problems = validateSnippet("${1:host}\nss -tan | awk 'NR>1 {c[\\$1]++\\}' | awk '{print $1\\}'");
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /^2:\d+ .*\$1/);
  });

  it('reports an unescaped $1 taken from a real template', () => {
    const { snippet } = buildTemplate('general', 'en');
    const broken = snippet.replace('c[\\$1]', 'c[$1]');
    assert.notEqual(broken, snippet);
    const problems = validateSnippet(broken);
    assert.ok(problems.some((p) => p.includes('$1')), problems.join('\n'));
  });

  it('reports an unescaped $NF, a lone $, a stray } and a lone backslash', () => {
    assert.ok(validateSnippet("awk '{print \\$NF\\}' $NF").some((p) => p.includes('$NF')));
    assert.ok(validateSnippet('costs 5 $ today').some((p) => p.includes('unescaped `$`')));
    assert.ok(validateSnippet('a } b').some((p) => p.includes('unbalanced `}`')));
    assert.ok(validateSnippet('grep a\\|b').some((p) => p.includes('backslash')));
  });

  it('reports unbalanced and malformed placeholders', () => {
    assert.ok(validateSnippet('${1:host').some((p) => p.includes('unclosed')));
    assert.ok(validateSnippet('${ x }').some((p) => p.includes('does not start')));
    assert.ok(validateSnippet('${1 host}').some((p) => p.includes('not followed')));
  });

  it('reports tab stops not contiguous from 1, conflicting placeholders and two $0', () => {
    assert.ok(validateSnippet('${1:a} ${3:c}').some((p) => p.includes('missing $2')));
    assert.ok(validateSnippet('${2:a} ${3:c}').some((p) => p.includes('missing $1')));
    assert.ok(validateSnippet('${1:a} ${1:b}').some((p) => p.includes('conflicting')));
    assert.deepEqual(validateSnippet('${1:a} ${1:a}'), []);
    assert.ok(validateSnippet("${1:a} awk '{print $0}' $0").some((p) => p.includes('$0')));
  });
});

describe('snippetToPlainText', () => {
  it('removes escapes and resolves tab stops, choices and variables', () => {
    assert.equal(snippetToPlainText('a \\$1 \\} \\\\ ${1:host} $2 ${3} $0'), 'a $1 } \\ host   ');
    assert.equal(snippetToPlainText('${1:outer ${2:inner}}'), 'outer inner');
    assert.equal(snippetToPlainText('${1|one,two|}'), 'one');
    assert.equal(snippetToPlainText('${TM_FILENAME:default}|${TM_FILENAME}'), 'default|');
  });

  it('keeps malformed constructs literally', () => {
    assert.equal(snippetToPlainText('${1:host'), '${1:host');
    assert.equal(snippetToPlainText('5 $ and } here'), '5 $ and } here');
  });
});

// ---------------------------------------------------------------------------------------------

describe('preselectForNote', () => {
  it('the note\'s current counts choose, not a sum over its blocks', () => {
    const note = [
      '# lb-3',
      '',
      '## 09:00',
      '',
      '```',
      "$ netstat -tan | awk 'NR>2 {print $6}' | sort | uniq -c",
      '    900 FIN_WAIT1',
      '    400 CLOSE_WAIT',
      '```',
      '',
      '## 10:00 after the fix',
      '',
      '```',
      "$ netstat -tan | awk 'NR>2 {print $6}' | sort | uniq -c",
      '      3 FIN_WAIT1',
      '    450 CLOSE_WAIT',
      '```',
      '',
    ].join('\n');
    const model = analyzeNote(note);
    // Summed, FIN-WAIT-1 (903) would outweigh CLOSE-WAIT (850); the note ends with 3 against 450.
    assert.equal(preselectForNote(model), 'close-wait');
    assert.equal(preselectForNote(model, 'FIN-WAIT-1'), 'fin-wait-1', 'the state under the cursor still wins');
    assert.equal(preselectForNote(analyzeNote('# nothing pasted\n')), 'general');
  });
});

describe('preselectSymptom', () => {
  it('uses the state under the cursor first', () => {
    assert.equal(preselectSymptom({ stateAtCursor: 'FIN-WAIT-1' }), 'fin-wait-1');
    assert.equal(preselectSymptom({ stateAtCursor: 'FIN-WAIT-2' }), 'fin-wait-2');
    assert.equal(preselectSymptom({ stateAtCursor: 'LAST-ACK' }), 'last-ack');
    assert.equal(preselectSymptom({ stateAtCursor: 'CLOSE-WAIT' }), 'close-wait');
    assert.equal(preselectSymptom({ stateAtCursor: 'TIME-WAIT' }), 'time-wait');
    assert.equal(
      preselectSymptom({ stateAtCursor: 'LAST-ACK', evidenceCounts: { 'FIN-WAIT-1': 900 } }),
      'last-ack',
    );
  });

  it('maps CLOSING to the general template', () => {
    assert.equal(preselectSymptom({ stateAtCursor: 'CLOSING' }), 'general');
    assert.equal(preselectSymptom({ evidenceCounts: { CLOSING: 40, 'FIN-WAIT-1': 3 } }), 'general');
  });

  it('ignores other cursor states and falls through to the largest count', () => {
    assert.equal(
      preselectSymptom({ stateAtCursor: 'ESTABLISHED', evidenceCounts: { 'FIN-WAIT-1': 12, 'CLOSE-WAIT': 30 } }),
      'close-wait',
    );
    assert.equal(
      preselectSymptom({ evidenceCounts: { ESTABLISHED: 5000, LISTEN: 20, 'FIN-WAIT-1': 300, 'TIME-WAIT': 120 } }),
      'fin-wait-1',
    );
    assert.equal(preselectSymptom({ evidenceCounts: { 'TIME-WAIT': 20000, 'LAST-ACK': 800 } }), 'time-wait');
  });

  it('breaks ties towards the orphan states and ignores zero or invalid counts', () => {
    assert.equal(preselectSymptom({ evidenceCounts: { 'TIME-WAIT': 50, 'LAST-ACK': 50 } }), 'last-ack');
    assert.equal(preselectSymptom({ evidenceCounts: { 'FIN-WAIT-2': 0, 'CLOSE-WAIT': Number.NaN } }), 'general');
  });

  it('defaults to general', () => {
    assert.equal(preselectSymptom({}), 'general');
    assert.equal(preselectSymptom({ stateAtCursor: 'SYN-SENT' }), 'general');
    assert.equal(preselectSymptom({ evidenceCounts: { ESTABLISHED: 10 } }), 'general');
  });
});

describe('detectNoteLanguage', () => {
  const fixture = (name: string): string => readFileSync(join(repoRoot(), 'test', 'fixtures', name), 'utf8');

  it('reads the seed note (Chinese prose, English quote in a code block) as zh-cn', () => {
    assert.equal(detectNoteLanguage(fixture('template-seed-note.md')), 'zh-cn');
  });

  it('reads an English note with a few Chinese words as en', () => {
    assert.equal(detectNoteLanguage(fixture('template-english-note.md')), 'en');
  });

  it('ignores fenced code, inline code and URLs', () => {
    const chineseCode = '# Notes\n\nSee below.\n\n```\n孤儿套接字太多了，这里全是中文输出，中文中文中文中文中文中文\n```\n';
    assert.equal(detectNoteLanguage(chineseCode), 'en');
    const englishCode =
      '## 排查记录\n\n这台机器上 orphan 很多。\n\n~~~sh\nss -tan | awk \'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}\'\nmany many english words in this output block\n~~~\n\n参考 [文档](https://docs.kernel.org/networking/ip-sysctl.html) 和 `cat /proc/net/sockstat`。\n';
    assert.equal(detectNoteLanguage(englishCode), 'zh-cn');
  });

  it('drops link targets and HTML tags, also on one long line of openers (linear scan)', () => {
    const zh = '孤儿连接很多，服务端没有回应。';
    assert.equal(detectNoteLanguage(`${zh} [文档](https://example.com/a-very-long-english-path-with-many-words) <span class="english words here">x</span>`), 'zh-cn');
    // Long lines of `](` or `<` with no closer (quadratic for the old regular expressions).
    assert.equal(detectNoteLanguage(`${zh}\n${'](ab'.repeat(10_000)}\n`), 'en', 'the Latin letters of the line count (no target was closed)');
    assert.equal(detectNoteLanguage(`${zh}${zh}\n${'<'.repeat(60_000)}\n`), 'zh-cn');
    assert.equal(detectNoteLanguage(`x ${'](<'.repeat(20_000)}`), 'en');
  });

  it('reads a bounded sample: prose past the first LANGUAGE_SAMPLE characters does not count', () => {
    const english = `${'The peer never acknowledged our FIN. '.repeat(Math.ceil(LANGUAGE_SAMPLE / 37))}\n`;
    assert.equal(detectNoteLanguage(`${english}${'孤儿连接很多。'.repeat(100_000)}`), 'en');
    assert.equal(detectNoteLanguage(`${'孤儿连接很多。'.repeat(100_000)}\n${english}`), 'zh-cn');
  });

  it('defaults to en for empty or letter-less text', () => {
    assert.equal(detectNoteLanguage(''), 'en');
    assert.equal(detectNoteLanguage('12345 --- ***'), 'en');
  });
});
