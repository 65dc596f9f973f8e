/**
 * The transitions a note writes, as every diagram consumer reads them (`noteTransitions`): the arrows the note
 * writes, and an ordered list only where it reads as one endpoint's path (every step between consecutive items'
 * states is an edge of the state diagram, and the items do not name both endpoints). Also through the built CLI
 * (`diagram --format mermaid`, dist/cli.js).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { noteTransitions } from '../../src/core/diagram/fromNote';
import { tempDir } from './tempDir';

const steps = (text: string): string[] => noteTransitions(analyzeNote(text)).map((t) => `${t.from}>${t.to}`);

describe('ordered lists: a transition only where the list is one endpoint\'s path', () => {
  test('one endpoint\'s path: every step is an edge of the diagram', () => {
    assert.deepEqual(steps(['1. ESTABLISHED', '2. FIN_WAIT_1', '3. FIN_WAIT_2', '4. TIME_WAIT'].join('\n')), [
      'ESTABLISHED>FIN-WAIT-1',
      'FIN-WAIT-1>FIN-WAIT-2',
      'FIN-WAIT-2>TIME-WAIT',
    ]);
    assert.deepEqual(
      steps(['主动关闭方：', '', '1. 调用 close()，从 ESTABLISHED 出发，', '2. 发出 FIN 后处于 FIN_WAIT_1；', '   （等待 ACK）', '3. 收到 ACK 后 FIN_WAIT_2；', '4. 收到 FIN 后 TIME_WAIT。'].join('\n')),
      ['ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>FIN-WAIT-2', 'FIN-WAIT-2>TIME-WAIT'],
    );
    // Items that name the same endpoint, or one only, are still one path.
    assert.deepEqual(steps(['1. The server is in CLOSE_WAIT after the peer\'s FIN.', '2. The server calls close(): LAST_ACK.'].join('\n')), [
      'CLOSE-WAIT>LAST-ACK',
    ]);
  });

  test('alternating endpoints (the standard 四次挥手 / 三次握手 write-up) give none', () => {
    assert.deepEqual(steps(['1. 客户端调用 close()，进入FIN_WAIT_1状态；', '2. 服务端收到 FIN，进入CLOSE_WAIT状态。'].join('\n')), []);
    // Every step is an edge here (R5, R7, R10), but the items alternate between the two endpoints.
    assert.deepEqual(
      steps([
        '1. 服务端调用 listen() 后进入LISTEN状态；',
        '2. 客户端发送 SYN，进入SYN_SENT状态；',
        '3. 服务端收到 SYN，回 SYN+ACK，进入SYN_RCVD状态；',
        '4. 客户端收到后回 ACK，双方进入ESTABLISHED状态。',
      ].join('\n')),
      [],
    );
    assert.deepEqual(
      steps([
        '1. 客户端调用 close()，发送 FIN，进入FIN_WAIT_1状态；',
        '2. 服务端收到 FIN，回 ACK，进入CLOSE_WAIT状态；客户端收到这个 ACK 后进入FIN_WAIT_2状态；',
        '3. 服务端应用调用 close()，发送 FIN，进入LAST_ACK状态；',
        '4. 客户端收到 FIN，回 ACK，进入TIME_WAIT状态，等待 2MSL 后进入CLOSED。',
      ].join('\n')),
      [],
    );
    assert.deepEqual(steps(['1. The client sends SYN: SYN_SENT.', '2. The server answers SYN+ACK: SYN_RECEIVED.', '3. The client: ESTABLISHED.'].join('\n')), []);
  });

  test('lists of remarks or sysctl meanings give none, even where one step happens to be an edge', () => {
    assert.deepEqual(
      steps([
        '1. 大量time_wait主要来自短连接。',
        '2. close_wait 45 个，怀疑是连接池 bug。',
        '3. FIN_WAIT_1 120 个属于正常波动。',
        '4. 主动关闭方收到 ACK 后进入FIN_WAIT2状态。',
      ].join('\n')),
      [],
    );
    assert.deepEqual(
      steps([
        '1. tcp_tw_reuse：允许将TIME-WAIT sockets重新用于新的TCP连接。',
        '2. tcp_fin_timeout：它保持在FIN-WAIT-2状态的时间。',
        '3. tcp_fin_timeout 也就是TIME_WAIT状态的持续时间。',
      ].join('\n')),
      [],
    );
  });

  test('the arrows the note writes stay as they are, whatever the list around them', () => {
    assert.deepEqual(steps('FIN_WAIT_1 -> CLOSE_WAIT'), ['FIN-WAIT-1>CLOSE-WAIT']);
    assert.deepEqual(steps('从FIN_WAIT_1进入FIN_WAIT_2'), ['FIN-WAIT-1>FIN-WAIT-2']);
    assert.deepEqual(steps(['1. TIME_WAIT → CLOSED', '2. CLOSE_WAIT 很多'].join('\n')), ['TIME-WAIT>CLOSED']);
    assert.deepEqual(steps('客户端进入FIN_WAIT_1状态，服务端收到 FIN 后进入CLOSE_WAIT状态。'), []);
  });
});

describe('diagram --format mermaid (built CLI): no invented list transitions', () => {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const dir = tempDir('tsn-list-transitions-');
  const run = (name: string, lines: string[]): string => {
    assert.ok(existsSync(cli), 'dist/cli.js is built');
    const file = join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = spawnSync(process.execPath, [cli, 'diagram', file, '--format', 'mermaid'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };

  test('alternating endpoints: no FIN_WAIT_1 --> CLOSE_WAIT', () => {
    const out = run('alt.md', ['1. 客户端调用 close()，进入FIN_WAIT_1状态；', '2. 服务端收到 FIN，进入CLOSE_WAIT状态。']);
    assert.doesNotMatch(out, /-->.*in the note/);
    assert.doesNotMatch(out, /FIN_WAIT_1 --> CLOSE_WAIT/);
  });

  test('one endpoint\'s path: its edges are marked in the note, nothing off the figure', () => {
    const out = run('path.md', ['1. ESTABLISHED', '2. FIN_WAIT_1', '3. FIN_WAIT_2', '4. TIME_WAIT']);
    assert.match(out, /ESTABLISHED --> FIN_WAIT_1 : R12 CLOSE \/ snd FIN · in the note/);
    assert.match(out, /FIN_WAIT_1 --> FIN_WAIT_2 : R14 .* · in the note/);
    assert.match(out, /FIN_WAIT_2 --> TIME_WAIT : R16 .* · in the note/);
    assert.doesNotMatch(out, /not in the RFC figure/);
  });
});
