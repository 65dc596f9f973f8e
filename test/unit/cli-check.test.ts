/**
 * `check` (issue #12 item 5) and the CLI over folders, globs and SARIF (issue #14 item 3): the pure core
 * (findings, SARIF builder) directly, the command by running the built CLI as a child process.
 */
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { checkNote, TYPO_RULE } from '../../src/core/check/findings';
import { buildSarif, relativePathToUri } from '../../src/core/check/sarif';
import { cli } from '../support/cli';
import { walk, walkKeeps } from '../../src/cli/inputs';
import { tempDir } from './tempDir';

const dir = tempDir('tsn-cli-check-');
const TYPO_NOTE = '# Incident\n\nThe socket sat in FIN_WAIT3 for hours.\n\n```\nFIN_WAIT3 in pasted output is left alone\n```\n';
const typoNote = join(dir, 'typo.md');
writeFileSync(typoNote, TYPO_NOTE);
const cleanNote = join(dir, 'clean.md');
writeFileSync(cleanNote, '# Fine\n\nThe server sat in CLOSE_WAIT: the application never called close().\n');

function validator() {
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(sarifSchema);
}

describe('core: checkNote', () => {
  test('a typo becomes a finding with 0-based line, UTF-16 character, rule, message and source', () => {
    assert.deepEqual(checkNote(TYPO_NOTE), [
      {
        line: 2,
        character: 18,
        length: 9,
        kind: 'typo',
        rule: TYPO_RULE,
        message: 'not a TCP state — did you mean FIN_WAIT2 or FIN_WAIT1?',
        source: 'https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2',
      },
    ]);
  });

  test('characters count UTF-16 code units (an emoji before the typo counts 2)', () => {
    const [f] = checkNote('😀 CLOSE_WIAT\n');
    assert.equal(f?.character, 3);
    assert.equal(f?.length, 10);
  });

  test('messages follow --lang', () => {
    assert.match(checkNote(TYPO_NOTE, { lang: 'zh-cn' })[0]?.message ?? '', /不是 TCP 状态/);
  });

  test('misconception hits plug in through one function and merge in text order', () => {
    const findings = checkNote(TYPO_NOTE, {
      misconceptions: (_text, lang) => [
        { line: 2, character: 0, length: 10, rule: 'rule-b', message: `b ${lang}`, source: 'https://example.org/b' },
        { line: 0, character: 2, length: 8, rule: 'rule-a', message: 'a', source: 'https://example.org/a' },
      ],
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.character, f.kind, f.rule]),
      [
        [0, 2, 'misconception', 'rule-a'],
        [2, 0, 'misconception', 'rule-b'],
        [2, 18, 'typo', TYPO_RULE],
      ],
    );
    assert.equal(findings[1]?.message, 'b en');
  });
});

describe('core: SARIF', () => {
  test('relative paths become percent-encoded URI references', () => {
    assert.equal(relativePathToUri('notes/my note#1.md'), 'notes/my%20note%231.md');
  });

  test('the log validates against the SARIF 2.1.0 schema, with and without findings and errors', () => {
    const validate = validator();
    const findings = checkNote(TYPO_NOTE, { misconceptions: () => [{ line: 0, character: 0, length: 3, rule: 'tw-four-minutes', message: 'm', source: 'https://example.org' }] });
    const logs = [
      buildSarif({ toolVersion: '0.1.0', srcRoot: 'file:///repo/', files: [] }),
      buildSarif({ toolVersion: '0.1.0', srcRoot: 'file:///repo/', files: [{ artifact: { uri: 'a.md', uriBaseId: '%SRCROOT%' }, findings }], lang: 'zh-cn' }),
      buildSarif({
        toolVersion: '0.1.0',
        srcRoot: 'file:///repo/',
        files: [{ artifact: { uri: 'file:///elsewhere/b.md' }, findings: [] }],
        errors: [{ artifact: { uri: 'gone.md', uriBaseId: '%SRCROOT%' }, message: 'gone.md: no such file or directory' }],
      }),
    ];
    for (const log of logs) assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
  });

  test('the schema validator is not a rubber stamp: a broken log fails', () => {
    const validate = validator();
    const log = buildSarif({ toolVersion: '0.1.0', srcRoot: 'file:///repo/', files: [{ artifact: { uri: 'a.md', uriBaseId: '%SRCROOT%' }, findings: checkNote(TYPO_NOTE) }] }) as {
      runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region as { startLine: number }).startLine = 0;
    assert.equal(validate(log), false);
  });
});

describe('tcp-state-notes check: exit codes and formats', () => {
  test('exit 0 when clean (text: a summary line)', () => {
    const r = cli(['check', cleanNote]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '1 note checked: no findings\n');
    assert.equal(r.stderr, '');
  });

  test('exit 1 with findings; text lines are file:line:column (1-based)', () => {
    const r = cli(['check', typoNote, cleanNote]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      `${typoNote}:3:19: typo state-typo: not a TCP state — did you mean FIN_WAIT2 or FIN_WAIT1? (https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2)\n2 notes checked: 1 finding (1 typo, 0 misconceptions)\n`,
    );
  });

  test('--json: an array of { file, findings } for every note checked, same positions as scan', () => {
    const r = cli(['check', typoNote, cleanNote, '--json']);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      { file: typoNote, findings: checkNote(TYPO_NOTE) },
      { file: cleanNote, findings: [] },
    ]);
    const one = JSON.parse(cli(['check', cleanNote, '--format', 'json']).stdout) as unknown;
    assert.deepEqual(one, [{ file: cleanNote, findings: [] }], 'one file is still an array');
  });

  test('--lang zh-cn', () => {
    const r = cli(['check', typoNote, '--json', '--lang', 'zh-cn']);
    assert.match((JSON.parse(r.stdout) as { findings: { message: string }[] }[])[0]?.findings[0]?.message ?? '', /不是 TCP 状态/);
    // The text output's summary line follows --lang as its messages do.
    const text = cli(['check', typoNote, cleanNote, '--lang', 'zh-cn']);
    assert.match(text.stdout, /\n检查了 2 篇笔记：1 个问题（1 个拼写错误，0 个错误说法）\n$/);
  });

  test('exit 2 on unreadable input, even with findings elsewhere; exit 2 on usage errors', () => {
    const r = cli(['check', typoNote, join(dir, 'missing.md'), '--json']);
    assert.equal(r.status, 2);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
    assert.equal(cli(['check']).status, 2);
    assert.equal(cli(['check', cleanNote, '--formt', 'json']).status, 2);
  });

  test('text: the summary counts inputs that could not be read, so nothing checked never reads as a pass', () => {
    const missing = join(dir, 'missing.md');
    const none = cli(['check', missing]);
    assert.equal(none.status, 2);
    assert.equal(none.stdout, '0 notes checked, 1 could not be read: no findings\n');
    assert.match(none.stderr, /missing\.md: no such file or directory/);
    const some = cli(['check', typoNote, missing, '--lang', 'zh-cn']);
    assert.equal(some.status, 2);
    assert.match(some.stdout, /检查了 1 篇笔记，1 个无法读取：1 个问题（1 个拼写错误，0 个错误说法）\n$/);
  });
});

/** notes/ with hidden, vendored, ignored and re-included files. */
function makeTree(): string {
  const root = tempDir('tsn-cli-tree-');
  const files: Record<string, string> = {
    'notes/a.md': 'The socket sat in TIME_WAITE.\n',
    'notes/x.draft.md': 'FIN_WAIT3 in a draft\n',
    'notes/readme.txt': 'FIN_WAIT3 in a text file\n',
    'notes/.gitignore': 'ignored/\n*.draft.md\n',
    'notes/ignored/i.md': 'FIN_WAIT3\n',
    'notes/.hidden/h.md': 'FIN_WAIT3\n',
    'notes/.git/g.md': 'FIN_WAIT3\n',
    'notes/node_modules/pkg/n.md': 'FIN_WAIT3\n',
    'notes/sub/b.markdown': 'LISTEN is fine.\n',
    'notes/sub/.gitignore': '!keep.draft.md\n',
    'notes/sub/keep.draft.md': 'CLOSE_WIAT here\n',
    'notes/sub/drop.draft.md': 'FIN_WAIT3\n',
    'notes/sub/deeper/c.MD': 'ESTABLISHED\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('folders and globs', () => {
  const root = makeTree();
  const filesOf = (stdout: string) => (JSON.parse(stdout) as { file: string }[]).map((r) => r.file);

  test('a folder: recursive .md/.markdown, no hidden folders, node_modules or .git, .gitignore (nested, with re-includes) followed', () => {
    const r = cli(['check', 'notes', '--json'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(filesOf(r.stdout), ['notes/a.md', 'notes/sub/b.markdown', 'notes/sub/deeper/c.MD', 'notes/sub/keep.draft.md']);
    const scan = cli(['scan', 'notes', '--json'], { cwd: root });
    assert.equal(scan.status, 0);
    assert.deepEqual(filesOf(scan.stdout), ['notes/a.md', 'notes/sub/b.markdown', 'notes/sub/deeper/c.MD', 'notes/sub/keep.draft.md']);
  });

  test('a file named explicitly is read whatever its extension or ignore rules', () => {
    const r = cli(['check', 'notes/readme.txt', 'notes/x.draft.md', '--json'], { cwd: root });
    assert.deepEqual(filesOf(r.stdout), ['notes/readme.txt', 'notes/x.draft.md']);
  });

  test('globs, quoted so the CLI expands them: ** and *, same pruning as folders', () => {
    const deep = cli(['check', 'notes/**/*.md', '--json'], { cwd: root });
    assert.deepEqual(filesOf(deep.stdout), ['notes/a.md', 'notes/sub/keep.draft.md']);
    const flat = cli(['scan', './notes/*.md', '--json'], { cwd: root });
    assert.deepEqual(filesOf(flat.stdout), ['notes/a.md']);
  });

  test('a folder and a glob naming the same note: checked once', () => {
    const r = cli(['check', 'notes', 'notes/*.md', '--json'], { cwd: root });
    assert.equal(filesOf(r.stdout).filter((f) => f === 'notes/a.md').length, 1);
  });

  test('a glob that matches nothing is an error line and status 2', () => {
    const r = cli(['check', 'notes/**/*.rst', cleanNote, '--json'], { cwd: root });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /notes\/\*\*\/\*\.rst: no Markdown notes \(\.md, \.markdown\) match/);
    assert.deepEqual(filesOf(r.stdout), [cleanNote]);
  });

  test('a glob takes notes only, as a folder does: `notes/*` does not read the text file beside them', () => {
    const r = cli(['scan', 'notes/*', '--json'], { cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(filesOf(r.stdout), ['notes/a.md']);
  });

  test('a folder without notes is an error line and status 2, like a glob that matches nothing', () => {
    mkdirSync(join(root, 'empty-folder', 'sub'), { recursive: true });
    writeFileSync(join(root, 'empty-folder', 'sub', 'notes.txt'), 'FIN_WAIT1\n');
    for (const command of ['check', 'scan', 'report']) {
      const r = cli([command, 'empty-folder', cleanNote, '--json'], { cwd: root });
      assert.equal(r.status, 2, command);
      assert.match(r.stderr, /empty-folder: no Markdown notes \(\.md, \.markdown\) in this folder/, command);
      assert.deepEqual(filesOf(r.stdout), [cleanNote], command);
    }
  });

  test('check --format sarif over a folder: schema-valid, 1-based regions, URIs relative to the working directory', () => {
    writeFileSync(join(root, 'notes', 'sub', 'my note.md'), 'x\n\n  CLOSE_WIAT\n');
    const r = cli(['check', 'notes', '--format', 'sarif'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        invocations: { executionSuccessful: boolean }[];
        results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[];
      }[];
    };
    assert.ok(validator()(log));
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'tcp-state-notes');
    assert.equal(run.tool.driver.rules[0]?.id, 'state-typo');
    assert.match(run.originalUriBaseIds['%SRCROOT%']?.uri ?? '', /^file:\/\/\/.*\/$/);
    assert.equal(run.invocations[0]?.executionSuccessful, true);
    const byUri = new Map(run.results.map((x) => [x.locations[0]!.physicalLocation.artifactLocation.uri, x]));
    assert.deepEqual([...byUri.keys()].sort(), ['notes/a.md', 'notes/sub/keep.draft.md', 'notes/sub/my%20note.md']);
    const spaced = byUri.get('notes/sub/my%20note.md')!;
    assert.equal(spaced.ruleId, 'state-typo');
    assert.equal(spaced.ruleIndex, 0);
    assert.equal(spaced.locations[0]!.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.deepEqual(spaced.locations[0]!.physicalLocation.region, { startLine: 3, startColumn: 3, endLine: 3, endColumn: 13 });
  });

  test('check --format sarif with an unreadable file: still valid, status 2, the failure recorded in the invocation', () => {
    const r = cli(['check', 'notes/a.md', 'notes/gone.md', '--format', 'sarif', '-o', 'out.sarif'], { cwd: root });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const log = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
    assert.ok(validator()(log));
    const inv = log.runs[0]!.invocations[0]!;
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0]!.message.text, /gone\.md: no such file or directory/);
  });
});

describe('inputs named twice, .gitignore case, option values', () => {
  test('one note named in several ways (relative, absolute, through a link) is read once', () => {
    const root = tempDir('tsn-cli-twice-');
    mkdirSync(join(root, 'notes'));
    writeFileSync(join(root, 'notes', 'a.md'), TYPO_NOTE);
    symlinkSync(join(root, 'notes'), join(root, 'link'));
    const r = cli(['check', 'notes/a.md', join(root, 'notes', 'a.md'), './notes/../notes/a.md', 'link/a.md', '--json'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file), ['notes/a.md']);
  });

  test('.gitignore patterns match letter case as git does on this system (case-sensitive on Linux)', { skip: process.platform !== 'linux' }, () => {
    const repo = tempDir('tsn-cli-case-');
    gitInit(repo);
    mkdirSync(join(repo, 'docs'));
    writeFileSync(join(repo, 'docs', 'a.md'), 'LISTEN\n');
    writeFileSync(join(repo, 'Readme.MD'), 'LISTEN\n');
    writeFileSync(join(repo, '.gitignore'), '*.MD\nDocs/\n');
    const r = cli(['scan', '.', '--json'], { cwd: repo });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file), ['docs/a.md']);
  });

  test('a UTF-16 note with a byte-order mark (PowerShell writes them) is read; NUL bytes elsewhere still mean binary', () => {
    const root = tempDir('tsn-cli-utf16-');
    const note = '# 笔记\nFIN_WAIT3 here\n';
    writeFileSync(join(root, 'le.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(note, 'utf16le')]));
    writeFileSync(join(root, 'be.md'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(note, 'utf16le').swap16()]));
    const r = cli(['check', 'le.md', 'be.md', '--json'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const results = JSON.parse(r.stdout) as { file: string; findings: { line: number; character: number }[] }[];
    assert.deepEqual(results.map((x) => [x.file, x.findings.map((f) => [f.line, f.character])]), [['le.md', [[1, 0]]], ['be.md', [[1, 0]]]]);
    writeFileSync(join(root, 'bin.md'), Buffer.from(note, 'utf16le'));
    const bin = cli(['check', 'bin.md'], { cwd: root });
    assert.equal(bin.status, 2);
    assert.match(bin.stderr, /looks like a binary file/);
  });

  test('-o followed by an option is a usage error, and no file named after the option is written', () => {
    const root = tempDir('tsn-cli-o-');
    writeFileSync(join(root, 'n.md'), TYPO_NOTE);
    const r = cli(['check', 'n.md', '-o', '--format', 'sarif'], { cwd: root });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /-o needs a value, but the next argument is the option "--format"/);
    assert.equal(existsSync(join(root, '--format')), false);
  });

  test('a path through a file, or a loop of links, is a one-line error and status 2 (not an internal error)', { skip: process.platform === 'win32' }, () => {
    const root = tempDir('tsn-cli-paths-');
    writeFileSync(join(root, 'f.md'), 'LISTEN\n');
    symlinkSync('loop2.md', join(root, 'loop1.md'));
    symlinkSync('loop1.md', join(root, 'loop2.md'));
    for (const [arg, why] of [['f.md/x.md', /f\.md\/x\.md: a path component is not a directory/], ['loop1.md', /loop1\.md: too many symbolic links/]] as const) {
      const r = cli(['check', arg], { cwd: root });
      assert.equal(r.status, 2, arg);
      assert.match(r.stderr, why);
      assert.doesNotMatch(r.stderr, /internal error/);
    }
  });

  test('a socket named as a note is refused as a socket (it cannot even be opened)', { skip: process.platform === 'win32' }, async () => {
    const root = tempDir('tsn-cli-sock-');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(root, 'sock.md'), resolve));
    try {
      const r = cli(['check', 'sock.md'], { cwd: root });
      assert.equal(r.status, 2);
      assert.match(r.stderr, /sock\.md: is a socket, not a regular file/);
    } finally {
      server.close();
    }
  });
});

/** A git repository's marker in `dir`: `.git/HEAD` (what `git init` makes; git's own test of a repository). */
function gitInit(dir: string): void {
  mkdirSync(join(dir, '.git', 'refs'), { recursive: true });
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
}

describe('.gitignore of the enclosing repository', () => {
  test('rules in the repository top apply to a subfolder given on the command line; outside a repository they do not', () => {
    for (const withGit of [true, false]) {
      const repo = tempDir('tsn-cli-repo-');
      if (withGit) gitInit(repo);
      writeFileSync(join(repo, '.gitignore'), 'notes/private/\n');
      mkdirSync(join(repo, 'notes', 'private'), { recursive: true });
      writeFileSync(join(repo, 'notes', 'a.md'), 'LISTEN\n');
      writeFileSync(join(repo, 'notes', 'private', 'p.md'), 'LISTEN\n');
      const r = cli(['scan', 'notes', '--json'], { cwd: repo });
      assert.equal(r.status, 0, r.stderr);
      const files = (JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file);
      assert.deepEqual(files, withGit ? ['notes/a.md'] : ['notes/a.md', 'notes/private/p.md'], `with .git: ${withGit}`);
    }
  });

  /** A repository whose top ignores `drafts/` and `*.tmp.md`, with notes in `sub/`; `marker` makes sub/.git. */
  function nested(marker: (sub: string) => void): string {
    const repo = tempDir('tsn-cli-nested-');
    gitInit(repo);
    writeFileSync(join(repo, '.gitignore'), 'drafts/\n*.tmp.md\n');
    mkdirSync(join(repo, 'sub', 'drafts'), { recursive: true });
    writeFileSync(join(repo, 'sub', 'a.md'), 'LISTEN\n');
    writeFileSync(join(repo, 'sub', 'b.tmp.md'), 'LISTEN\n');
    writeFileSync(join(repo, 'sub', 'drafts', 'd.md'), 'LISTEN\n');
    marker(join(repo, 'sub'));
    return repo;
  }
  const scanned = (cwd: string, arg: string): string[] => {
    const r = cli(['scan', arg, '--json'], { cwd });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file);
  };

  test("a .git that marks no repository (an empty folder, a file without gitdir:) leaves the outer rules on", () => {
    const markers: [string, (sub: string) => void][] = [
      ['empty .git folder', (sub) => mkdirSync(join(sub, '.git'))],
      ['.git folder without HEAD', (sub) => mkdirSync(join(sub, '.git', 'refs'), { recursive: true })],
      ['.git file without gitdir:', (sub) => writeFileSync(join(sub, '.git'), 'not a repository\n')],
      ['empty .git file', (sub) => writeFileSync(join(sub, '.git'), '')],
    ];
    for (const [what, marker] of markers) {
      const repo = nested(marker);
      assert.deepEqual(scanned(repo, 'sub'), ['sub/a.md'], `${what}, the subfolder named`);
      assert.deepEqual(scanned(join(repo, 'sub'), '.'), ['a.md'], `${what}, run inside it`);
      assert.deepEqual(scanned(repo, '.'), ['sub/a.md'], `${what}, the repository walked`);
    }
  });

  test('a nested repository (.git/HEAD, or a worktree\'s or submodule\'s `gitdir:` file) is its own: the outer rules stop there, its own apply', () => {
    const markers: [string, (sub: string) => void][] = [
      ['a nested clone', gitInit],
      ['a worktree or submodule', (sub) => writeFileSync(join(sub, '.git'), 'gitdir: ../.git/worktrees/sub\n')],
    ];
    for (const [what, marker] of markers) {
      const repo = nested(marker);
      writeFileSync(join(repo, 'sub', '.gitignore'), 'b.tmp.md\n');
      const all = ['sub/a.md', 'sub/drafts/d.md'];
      assert.deepEqual(scanned(repo, 'sub'), all, `${what}, the subfolder named`);
      assert.deepEqual(scanned(join(repo, 'sub'), '.'), ['a.md', 'drafts/d.md'], `${what}, run inside it`);
      assert.deepEqual(scanned(repo, '.'), all, `${what}, the outer repository walked`);
    }
  });

  test("walkKeeps (a watched file, the language server) answers as the walk lists, whatever sub/.git is", () => {
    const markers: ((sub: string) => void)[] = [(sub) => mkdirSync(join(sub, '.git')), gitInit, (sub) => writeFileSync(join(sub, '.git'), 'gitdir: ../x\n')];
    for (const marker of markers) {
      const repo = nested(marker);
      const listed = walk(repo, (rel) => rel.endsWith('.md'));
      for (const rel of ['sub/a.md', 'sub/b.tmp.md', 'sub/drafts/d.md']) assert.equal(walkKeeps(repo, rel), listed.includes(rel), rel);
    }
  });
});

describe('check: misconception rules wired end to end (built CLI)', () => {
  const note = join(dir, 'claims.md');
  writeFileSync(
    note,
    '# TIME_WAIT\n\nOn Linux TIME_WAIT lasts four minutes, so lower tcp_fin_timeout.\n\n' +
      'RFC 9293 sets 2 MSL = 4 minutes; Linux does not follow it.\n\n```sh\nsysctl -w net.ipv4.tcp_tw_recycle=1\n```\n',
  );

  test('--json reports each wrong claim as kind "misconception" with a stable rule and a public source', () => {
    const r = cli(['check', note, '--json']);
    assert.equal(r.status, 1);
    const [result] = JSON.parse(r.stdout) as { findings: { line: number; kind: string; rule: string; source: string }[] }[];
    const claims = result?.findings.filter((f) => f.kind === 'misconception') ?? [];
    // Line 2 makes two wrong claims (four minutes; tcp_fin_timeout for TIME_WAIT); line 4 is the RFC's correct
    // statement; line 7 sets the removed sysctl inside a code block.
    assert.deepEqual(
      claims.map((f) => [f.line, f.rule]).sort(),
      [
        [2, 'fin-timeout-time-wait'],
        [2, 'tw-four-minutes'],
        [7, 'tw-recycle'],
      ],
    );
    for (const f of claims) assert.match(f.source, /^https:\/\//);
  });

  test('SARIF: misconception rules carry the claim and the correct fact, and the log is schema-valid', () => {
    const r = cli(['check', note, '--format', 'sarif']);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription?: { text: string } }[] } } }[] };
    const validate = validator();
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const rule = log.runs[0]?.tool.driver.rules.find((x) => x.id === 'tw-recycle');
    assert.ok(rule?.fullDescription?.text, 'the rule states the correct fact');
    assert.notEqual(rule?.shortDescription.text, rule?.fullDescription?.text);
  });
});
