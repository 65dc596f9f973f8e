/**
 * Socket snapshots inside the real extension host on this Linux machine: the capture command reads /proc
 * through vscode.workspace.fs; the test reads the same files independently with node:fs (and `getconf`),
 * and opens and closes loopback connections itself to move the counts. Other processes on the machine open
 * and close sockets too, so counts that can change between two reads are compared within a bracket of the
 * test's own reads taken just before and just after, plus a small slack.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { analyzeNote } from '../../src/core/note/analyze';
import { parseSnapshot, type SnapshotData } from '../../src/core/evidence/snapshotFormat';
import { captureSnapshot } from '../../src/core/snapshot';
import { describeProblems, insertCapture, readProcFile, unsupportedMessage } from '../../src/features/snapshot';
import { hoversAt, hoverText, untitledNote } from './helpers';
import { until as untilAny } from '../support/until';

/** Live sampling is slower than the other waits here: 15 s. */
const until = <T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false): Promise<T> => untilAny(what, probe, 15_000);

const CAPTURE = 'tcpStateNotes.captureSnapshot';

interface InsertResult {
  inserted: boolean;
  text?: string;
  problems: string[];
  suggestion?: { state: string; symptom: string };
}

interface LiveStatus {
  on: boolean;
  samples: number;
  active: boolean;
  counts?: Record<string, number>;
  orphan?: number;
  time?: string;
}

interface PanelInfo {
  visible: boolean;
  lastRender?: { counts: Record<string, number>; version: number };
  live: LiveStatus;
}

const info = () => vscode.commands.executeCommand<PanelInfo | undefined>('tcpStateNotes.diagramInfo');

// ---------------------------------------------------------------------------------------------------
// Independent readings (node:fs, awk-like), written without the extension's parsers.
// ---------------------------------------------------------------------------------------------------

const HEX: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN-SENT',
  '03': 'SYN-RECEIVED',
  '04': 'FIN-WAIT-1',
  '05': 'FIN-WAIT-2',
  '06': 'TIME-WAIT',
  '07': 'CLOSED',
  '08': 'CLOSE-WAIT',
  '09': 'LAST-ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

function procStateCounts(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const st = line.trim().split(/\s+/)[3];
      const state = st ? HEX[st.toUpperCase()] : undefined;
      if (state) out[state] = (out[state] ?? 0) + 1;
    }
  }
  return out;
}

function procSockstat(): Record<string, number> {
  const line = readFileSync('/proc/net/sockstat', 'utf8').split('\n').find((l) => l.startsWith('TCP:')) ?? '';
  const t = line.split(/\s+/).slice(1);
  const out: Record<string, number> = {};
  for (let i = 0; i + 1 < t.length; i += 2) out[t[i] as string] = Number(t[i + 1]);
  return out;
}

function procCounters(): Record<string, number> {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const head = (lines.find((l) => l.startsWith('TcpExt:')) ?? '').split(/\s+/);
  const vals = (lines.filter((l) => l.startsWith('TcpExt:'))[1] ?? '').split(/\s+/);
  const out: Record<string, number> = {};
  head.forEach((name, i) => {
    if (i > 0 && name) out[`TcpExt${name}`] = Number(vals[i]);
  });
  return out;
}

const sysctl = (name: string) => readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim().split(/\s+/).join(' ');
const slack = (n: number) => 10 + Math.ceil(n * 0.1);

function assertBracketed(what: string, value: number | undefined, a: number, b: number): void {
  const lo = Math.min(a, b) - slack(Math.min(a, b));
  const hi = Math.max(a, b) + slack(Math.max(a, b));
  assert.ok(value !== undefined && value >= lo && value <= hi, `${what}: ${value} not within [${lo}, ${hi}] (independent reads ${a} and ${b})`);
}

// ---------------------------------------------------------------------------------------------------
// Loopback sockets the test controls
// ---------------------------------------------------------------------------------------------------

interface Sockets {
  close(): Promise<void>;
}

/** n connections on 127.0.0.1: 2n ESTABLISHED sockets and one LISTEN. */
async function openConnections(n: number): Promise<Sockets> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => {
    s.on('error', () => {});
    accepted.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  const clients: net.Socket[] = [];
  for (let i = 0; i < n; i++) {
    const c = net.connect({ host: '127.0.0.1', port });
    c.on('error', () => {});
    await new Promise<void>((r, j) => {
      c.once('connect', () => r());
      c.once('error', j);
    });
    clients.push(c);
  }
  await until('all accepted', () => (accepted.length === n ? true : undefined));
  return {
    async close() {
      for (const c of clients) c.destroy();
      for (const s of accepted) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * k FIN-WAIT-1 orphans: the server never reads (zero window), the client fills both buffers and closes its
 * fd, so its FIN is queued behind unsent data (facts §2.5). close() destroys the server side with unread
 * data, which sends RST and ends the orphans.
 */
async function openOrphans(k: number): Promise<Sockets> {
  const accepted: net.Socket[] = [];
  const server = net.createServer({ pauseOnConnect: true }, (s) => {
    s.on('error', () => {});
    accepted.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  for (let i = 0; i < k; i++) {
    const c = net.connect({ host: '127.0.0.1', port });
    c.on('error', () => {});
    await new Promise<void>((r) => c.once('connect', () => r()));
    const chunk = Buffer.alloc(1 << 20);
    for (let j = 0; j < 16; j++) c.write(chunk);
    await until('kernel buffers full', () => (c.writableLength > 0 ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    c.destroy();
  }
  return {
    async close() {
      for (const s of accepted) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Every snapshot block of the note, parsed with full fidelity. */
function snapshots(doc: vscode.TextDocument): SnapshotData[] {
  const model = analyzeNote(doc.getText());
  return model.evidence
    .filter((b) => b.segments.some((s) => s.kind === 'snapshot'))
    .map((b) => parseSnapshot(doc.getText().slice(b.start, b.end)))
    .filter((d): d is SnapshotData => d !== undefined);
}

const total = (d: SnapshotData, state: string): number =>
  ((d.states?.tcp4 as Record<string, number> | undefined)?.[state] ?? 0) + ((d.states?.tcp6 as Record<string, number> | undefined)?.[state] ?? 0);

async function capture(): Promise<InsertResult> {
  const r = await vscode.commands.executeCommand<InsertResult>(CAPTURE);
  assert.ok(r?.inserted, `capture inserted nothing: ${JSON.stringify(r)}`);
  return r;
}

suite('Socket snapshot from /proc (real extension host, this Linux machine)', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('workspace.fs reads /proc files to the end although they report size 0; errors map to not-found / permission', async () => {
    assert.equal((await vscode.workspace.fs.stat(vscode.Uri.file('/proc/net/sockstat'))).size, 0, '/proc reports size 0');
    const r = await readProcFile('/proc/net/sockstat');
    assert.ok(r.ok);
    const text = new TextDecoder().decode(r.bytes);
    assert.match(text, /^sockets: used \d+\nTCP: inuse \d+ orphan \d+ tw \d+ alloc \d+ mem \d+\n/);
    const tcp = await readProcFile('/proc/net/tcp');
    assert.ok(tcp.ok && tcp.bytes.length > 150, 'the whole table, not the reported 0 bytes');
    const missing = await readProcFile('/proc/net/does-not-exist');
    assert.equal(missing.ok ? 'ok' : missing.failure, 'not-found');
    // Write-only for everyone, root included (sysctl permission checks use the mode bits).
    const denied = await readProcFile('/proc/sys/vm/drop_caches');
    assert.equal(denied.ok ? 'ok' : denied.failure, 'permission');
  });

  test('capture inserts one block at the cursor matching /proc read independently; one undo restores the note byte for byte', async () => {
    const before = '# Incident on this host\n\nBefore the snapshot.\n';
    const after = '\nAfter the snapshot.\n';
    const editor = await untitledNote(before + after, vscode.ViewColumn.One);
    const original = editor.document.getText();
    editor.selection = new vscode.Selection(editor.document.positionAt(before.length), editor.document.positionAt(before.length));
    const sockets = await openConnections(20);
    try {
      // Other processes open and close sockets too. A state whose independent counts before and after the
      // capture agree must match exactly; one that changed must lie between them. Churn in between (a count
      // going up and back down) can break that, so the capture is retried a few times.
      let attempt = 0;
      let mismatch: string[] = [];
      let result: InsertResult | undefined;
      let statesA: Record<string, number> = {};
      let statesB: Record<string, number> = {};
      let sockA: Record<string, number> = {};
      let sockB: Record<string, number> = {};
      let countersA: Record<string, number> = {};
      let countersB: Record<string, number> = {};
      let t0 = 0;
      let d: SnapshotData | undefined;
      for (; attempt < 5; attempt++) {
        if (result) {
          await vscode.commands.executeCommand('undo');
          assert.equal(editor.document.getText(), original, 'one undo step');
          editor.selection = new vscode.Selection(editor.document.positionAt(before.length), editor.document.positionAt(before.length));
        }
        statesA = procStateCounts();
        sockA = procSockstat();
        countersA = procCounters();
        t0 = Date.now();
        result = await capture();
        statesB = procStateCounts();
        sockB = procSockstat();
        countersB = procCounters();
        d = snapshots(editor.document)[0];
        mismatch = [];
        for (const state of new Set([...Object.keys(statesA), ...Object.keys(statesB), ...Object.keys(HEX).map((h) => HEX[h] as string)])) {
          const v = d ? total(d, state) : -1;
          const a = statesA[state] ?? 0;
          const b = statesB[state] ?? 0;
          if (v < Math.min(a, b) || v > Math.max(a, b)) mismatch.push(`${state}: block ${v}, independent reads ${a} and ${b}`);
        }
        if (mismatch.length === 0) break;
      }
      assert.deepEqual(mismatch, [], `per-state counts after ${attempt + 1} attempts`);
      assert.ok(result && d);

      const text = editor.document.getText();
      assert.equal(text, before + (result.text ?? '∅') + after, 'exactly the block, at the cursor');
      assert.match(result.text ?? '', /^```text\n# tcp-state-notes snapshot host=\S+ kernel=\S+ time=\S+\n[\s\S]*\n# end snapshot\n```\n$/);
      assert.equal(snapshots(editor.document).length, 1);

      assert.equal(d.host, readFileSync('/proc/sys/kernel/hostname', 'utf8').trim());
      assert.equal(d.kernel, readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim());
      assert.match(d.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/, 'ISO 8601 with zone');
      assert.ok(Math.abs(Date.parse(d.time) - t0) < 5_000, `time ${d.time} is now`);
      assert.equal(d.pageSize, Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()), 'page size as getconf says');
      assert.equal(d.pageSizeAssumed, undefined);
      for (const name of ['tcp_max_orphans', 'tcp_orphan_retries', 'tcp_fin_timeout', 'tcp_max_tw_buckets', 'tcp_mem', 'tcp_retries2']) {
        assert.equal(d.sysctls?.[`net.ipv4.${name}`], sysctl(name), name);
      }
      for (const name of ['TcpExtTCPAbortOnMemory', 'TcpExtTCPAbortOnTimeout', 'TcpExtTCPAbortOnLinger', 'TcpExtTCPAbortOnClose', 'TcpExtTCPAbortOnData', 'TcpExtTCPTimeWaitOverflow']) {
        const v = d.counters?.[name];
        assert.ok(v !== undefined && v >= (countersA[name] ?? NaN) && v <= (countersB[name] ?? NaN), `${name} ${v} between ${countersA[name]} and ${countersB[name]}`);
      }
      for (const k of ['inuse', 'orphan', 'tw', 'alloc', 'mem'] as const) {
        assertBracketed(`sockstat ${k}`, d.sockstat?.tcp?.[k], sockA[k] ?? NaN, sockB[k] ?? NaN);
      }
      assert.ok(total(d, 'ESTABLISHED') >= 40, 'our 20 connections: 40 ESTABLISHED sockets');
      assert.match(editor.document.getText(), /^orphan-pressure orphan=\d+ max=\d+ ratio=[\d.]+ half=\d+ quarter=\d+ mem=\d+ mem-max=\d+ mem-ratio=[\d.]+ tw=\d+ tw-max=\d+/m);
      assert.match(editor.document.getText(), /^# orphan pressure — /m);
      assert.deepEqual(result.problems, [], 'every file was readable here');

      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), original, 'one undo step');
    } finally {
      await sockets.close();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('the counts move with the sockets the test opens and closes (ESTABLISHED, FIN-WAIT-1 orphans)', async () => {
    const editor = await untitledNote('# Moving counts\n\n', vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(editor.document.positionAt(editor.document.getText().length), editor.document.positionAt(editor.document.getText().length));
    try {
      await capture();
      const n = 30;
      const conns = await openConnections(n);
      await capture();
      const k = 4;
      const orphans = await openOrphans(k);
      await capture();
      await conns.close();
      await orphans.close();
      await new Promise((r) => setTimeout(r, 300));
      await capture();
      const [base, opened, orphaned, closed] = snapshots(editor.document) as [SnapshotData, SnapshotData, SnapshotData, SnapshotData];
      assert.equal(snapshots(editor.document).length, 4);
      const est = (d: SnapshotData) => total(d, 'ESTABLISHED');
      const moved = est(opened) - est(base);
      assert.ok(Math.abs(moved - 2 * n) <= slack(2 * n), `ESTABLISHED moved by ${moved}, expected ${2 * n}`);
      assert.ok(total(orphaned, 'FIN-WAIT-1') >= total(opened, 'FIN-WAIT-1') + k, `FIN-WAIT-1 ${total(orphaned, 'FIN-WAIT-1')} after ${k} orphans`);
      assert.ok((orphaned.sockstat?.tcp?.orphan ?? 0) >= k, `sockstat orphan ${orphaned.sockstat?.tcp?.orphan}`);
      const dropped = est(orphaned) - est(closed);
      assert.ok(dropped >= 2 * n - slack(2 * n), `ESTABLISHED dropped by ${dropped} after closing ${n} connections`);
      assert.ok(total(closed, 'FIN-WAIT-1') <= total(orphaned, 'FIN-WAIT-1') - k + slack(0), 'the RST from the reader side ended the orphans');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('the diagram shows the counts of the inserted block, and hovers show its orphan pressure', async () => {
    const editor = await untitledNote('LAST-ACK and FIN-WAIT-1 on this host:\n\n', vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(editor.document.positionAt(editor.document.getText().length), editor.document.positionAt(editor.document.getText().length));
    try {
      await capture();
      const d = snapshots(editor.document)[0] as SnapshotData;
      const expected: Record<string, number> = {};
      for (const fam of [d.states?.tcp4, d.states?.tcp6]) for (const [s, v] of Object.entries(fam ?? {})) expected[s] = (expected[s] ?? 0) + (v ?? 0);
      await vscode.commands.executeCommand('tcpStateNotes.showDiagram');
      const render = await until('a render of this note', async () => {
        const r = (await info())?.lastRender;
        return r && r.version === editor.document.version ? r : undefined;
      });
      assert.deepEqual(render.counts, expected);
      const hovers = await hoversAt(editor.document, new vscode.Position(0, 2));
      assert.match(hoverText(hovers), /\*\*Orphan pressure \(sockstat at line \d+\):\*\* (low|elevated|high|over the limit): orphan \d/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('a read-only note or a non-markdown editor gets a clear message and nothing changes', async () => {
    await untitledNote('x', vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('tcpStateNotes.explainState', 'FIN-WAIT-1');
    const ro = vscode.window.activeTextEditor;
    assert.ok(ro && ro.document.uri.scheme === 'tcp-state-notes' && ro.document.languageId === 'markdown');
    const roText = ro.document.getText();
    const r1 = await vscode.commands.executeCommand<InsertResult>(CAPTURE);
    assert.equal(r1.inserted, false);
    assert.equal(ro.document.getText(), roText);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'plain' });
    await vscode.window.showTextDocument(doc);
    const r2 = await vscode.commands.executeCommand<InsertResult>(CAPTURE);
    assert.equal(r2.inserted, false);
    assert.equal(doc.getText(), 'plain');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('unreadable files (real ENOENT and EACCES through workspace.fs) are named in the message and in the block', async () => {
    // The real reader, with two paths redirected to a missing file and to a file nobody may read.
    const redirect: Record<string, string> = {
      '/proc/net/tcp6': '/proc/net/does-not-exist',
      '/proc/sys/net/ipv4/tcp_max_orphans': '/proc/sys/vm/drop_caches',
    };
    const capture = await captureSnapshot((path) => readProcFile(redirect[path] ?? path), new Date());
    assert.deepEqual(describeProblems(capture), ['/proc/net/tcp6 (file not found)', '/proc/sys/net/ipv4/tcp_max_orphans (permission denied)']);
    const editor = await untitledNote('# Partial\n\n', vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(editor.document.positionAt(editor.document.getText().length), editor.document.positionAt(editor.document.getText().length));
    try {
      const result = await insertCapture(editor, capture);
      assert.equal(result.inserted, true);
      assert.deepEqual(result.problems, describeProblems(capture));
      const text = editor.document.getText();
      assert.match(text, /^# unavailable: \/proc\/net\/tcp6 \(file not found\)$/m);
      assert.match(text, /^# unavailable: \/proc\/sys\/net\/ipv4\/tcp_max_orphans \(permission denied\)$/m);
      const d = snapshots(editor.document)[0];
      assert.equal(d?.states?.tcp6, undefined, 'no IPv6 numbers rather than zeros');
      assert.equal(d?.sysctls?.['net.ipv4.tcp_max_orphans'], undefined);
      assert.ok(d?.states?.tcp4, 'the rest was captured');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('hosts without /proc get one clear message (web worker, macOS, Windows); Linux gets none', () => {
    assert.equal(unsupportedMessage('linux', 'linux'), undefined);
    assert.match(unsupportedMessage('web', undefined) ?? '', /browser \(web worker\).*no \/proc.*Remote-SSH/);
    assert.match(unsupportedMessage('not-linux', 'darwin') ?? '', /only Linux has.*macOS.*Remote-SSH/);
    assert.match(unsupportedMessage('not-linux', 'win32') ?? '', /Windows/);
    assert.equal(unsupportedMessage(), undefined, 'this extension host runs on Linux');
  });
});

suite('Live socket counts in the diagram panel', () => {
  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('live.intervalSeconds', 1, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('tcpStateNotes.toggleLive', { on: false });
    await vscode.workspace.getConfiguration('tcpStateNotes').update('live.intervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Live refreshes the counts while sockets open and close, pauses while hidden, and Freeze inserts the current snapshot', async () => {
    const editor = await untitledNote('# Live\n\nWatching FIN-WAIT-1 here.\n', vscode.ViewColumn.One);
    const uri = editor.document.uri.toString();
    await vscode.commands.executeCommand('tcpStateNotes.showDiagram');
    assert.equal(await vscode.commands.executeCommand<boolean>('tcpStateNotes.toggleLive', { on: true }), true);
    const first = await until('a first sample', async () => ((await info())?.live.samples ?? 0) >= 1 ? info() : undefined);
    assert.equal(first?.live.on, true);
    const est = async () => (await info())?.live.counts?.ESTABLISHED ?? 0;
    const baseline = await est();

    const n = 25;
    const conns = await openConnections(n);
    let peak = 0;
    try {
      peak = await until('the live count to see the new connections', async () => {
        const v = await est();
        return v >= baseline + 2 * n - slack(2 * n) ? v : undefined;
      });
      // The diagram itself uses the live counts.
      await until('the diagram to render the live counts', async () => {
        const r = (await info())?.lastRender;
        return r && (r.counts.ESTABLISHED ?? 0) >= baseline + 2 * n - slack(2 * n) ? true : undefined;
      });
    } finally {
      await conns.close();
    }
    await until('the live count to drop after closing', async () => ((await est()) <= peak - 2 * n + slack(2 * n) ? true : undefined));

    // Hidden: another editor in the panel's group. No sample while hidden.
    const other = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'other' });
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.Two, preserveFocus: false });
    await until('the panel to be hidden', async () => ((await info())?.visible === false ? true : undefined));
    await new Promise((r) => setTimeout(r, 1500)); // a sample in flight may still land
    const hiddenAt = (await info())?.live.samples ?? 0;
    assert.equal((await info())?.live.active, false, 'no timer while hidden');
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal((await info())?.live.samples, hiddenAt, 'paused while hidden (interval 1 s, 3 s waited)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('tcpStateNotes.showDiagram');
    await until('sampling to resume when visible', async () => (((await info())?.live.samples ?? 0) > hiddenAt ? true : undefined));

    // Freeze into note.
    const before = editor.document.getText();
    const result = await vscode.commands.executeCommand<InsertResult>('tcpStateNotes.freezeLiveSnapshot');
    assert.equal(result.inserted, true);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(doc?.getText().includes(result.text ?? '∅'));
    assert.notEqual(doc?.getText(), before);
    const frozen = snapshots(doc as vscode.TextDocument);
    assert.equal(frozen.length, 1);
    assert.equal(frozen[0]?.host, readFileSync('/proc/sys/kernel/hostname', 'utf8').trim());
    assert.ok(total(frozen[0] as SnapshotData, 'LISTEN') > 0);

    assert.equal(await vscode.commands.executeCommand<boolean>('tcpStateNotes.toggleLive', { on: false }), false);
    const off = await info();
    assert.equal(off?.live.on, false);
  });
});
