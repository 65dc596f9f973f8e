import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openNote } from './helpers';

/**
 * The language-model tools, called the way the chat agent calls them: vscode.lm.invokeTool inside the real
 * extension host (no toolInvocationToken, as from outside a chat request). Runs in the Node host and in the
 * web worker host; the snapshot tool answers per host.
 */

const TOOLS = ['explain_tcp_state', 'summarize_socket_evidence', 'check_tcp_note', 'capture_socket_snapshot'];

async function invoke(name: string, input: object): Promise<string> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

async function invokeError(name: string, input: object): Promise<string> {
  try {
    await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  assert.fail(`${name} ${JSON.stringify(input)} did not fail`);
}

function webWorkerHost(): boolean {
  return vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind === vscode.ExtensionKind.UI && vscode.env.uiKind === vscode.UIKind.Web;
}

suite('Language-model tools (vscode.lm.invokeTool)', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('the four tools are registered with their manifest schemas and tags', () => {
    const ours = vscode.lm.tools.filter((t) => TOOLS.includes(t.name));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...TOOLS].sort());
    const explain = ours.find((t) => t.name === 'explain_tcp_state');
    assert.deepEqual((explain?.inputSchema as { required?: string[] } | undefined)?.required, ['term']);
    assert.match(explain?.description ?? '', /any spelling/);
    assert.ok(ours.every((t) => t.tags.includes('tcp-state-notes')));
  });

  test('explain_tcp_state explains any spelling in the requested language; an unknown term fails with near matches', async () => {
    assert.match(await invoke('explain_tcp_state', { term: 'TCP_FIN_WAIT1' }), /FIN-WAIT-1[\s\S]*https:\/\//);
    assert.match(await invoke('explain_tcp_state', { term: 'CLOSE_WAIT', lang: 'zh-cn' }), /[\u4e00-\u9fff]/);
    const unknown = await invokeError('explain_tcp_state', { term: 'FIN_WAIT3' });
    assert.match(unknown, /Unknown term "FIN_WAIT3"/);
    assert.match(unknown, /Did you mean FIN_WAIT2 or FIN_WAIT1\?/);
    assert.match(await invokeError('explain_tcp_state', { term: 'LISTEN', lang: 'fr' }), /`lang` must be "en" or "zh-cn"/);
  });

  test('summarize_socket_evidence reads the active note, a note by path or URI, and a line range', async () => {
    const editor = await openNote('fixtures', 'report', 'incident.md');
    const active = await invoke('summarize_socket_evidence', {});
    assert.match(active, /TCP evidence report — fixtures\/report\/incident\.md/);
    assert.match(active, /\| FIN-WAIT-1 \| 61,920 \| 4 \|/);
    assert.match(active, /### Likely causes/);
    assert.match(active, /### Sources/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await invoke('summarize_socket_evidence', { uri: 'fixtures/report/incident.md' }), active, 'the same report by workspace-relative path');
    assert.equal(await invoke('summarize_socket_evidence', { uri: editor.document.uri.toString() }), active, 'and by URI');
    const part = await invoke('summarize_socket_evidence', { uri: 'fixtures/report/incident.md', startLine: 20, endLine: 26 });
    assert.match(part, /^Lines 20–26 of fixtures\/report\/incident\.md/);
    assert.doesNotMatch(part, /61,920/);
  });

  test('summarize_socket_evidence and check_tcp_note fail with what to do when there is no note or a wrong one', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.match(await invokeError('check_tcp_note', {}), /No Markdown note is active in the editor/);
    assert.match(await invokeError('summarize_socket_evidence', { uri: 'fixtures/report/none.md' }), /Cannot open/);
    // Nothing outside the workspace is opened for a model, and nothing but Markdown.
    assert.match(await invokeError('check_tcp_note', { uri: '../../outside.md' }), /is outside the workspace folders/);
    assert.match(await invokeError('check_tcp_note', { uri: 'file:///etc/hosts.md' }), /is outside the workspace folders/);
    assert.match(await invokeError('check_tcp_note', { uri: 'package.json' }), /is not a Markdown note/);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('/package.json')), 'the refused file was not opened');
    assert.match(await invokeError('summarize_socket_evidence', { uri: 'fixtures/report/incident.md', startLine: 9999 }), /past the end of the note, which has \d+ lines/);
    assert.match(await invokeError('check_tcp_note', { uri: 'fixtures/report/incident.md', note: 'x' }), /Unknown input property "note"/);
  });

  test('check_tcp_note lists typos with fixes and wrong claims with facts, and leaves the note as it was', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Many FIN_WAIT3 sockets.\n\nWe read that tcp_fin_timeout controls TIME_WAIT.\n' });
    await vscode.window.showTextDocument(doc);
    const version = doc.version;
    const text = await invoke('check_tcp_note', {});
    assert.match(text, /Findings: 2 \(typos: 1, wrong claims: 1\)/);
    assert.match(text, /`FIN_WAIT3` is not a TCP state[\s\S]*Fix: replace it with `FIN_WAIT2`/);
    assert.match(text, /\[fin-timeout-time-wait\][\s\S]*Fix: tcp_fin_timeout bounds/);
    assert.equal(doc.version, version);
    assert.equal(doc.isDirty, true, 'still the untitled note it was (no save, no edit)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('capture_socket_snapshot asks for confirmation before it reads /proc; the note tools only say what they do', async () => {
    type Info = { invocationMessage?: string; confirmation?: { title: string; message: string } } | undefined;
    const prepared = (name: string, input: object) => vscode.commands.executeCommand<Info>('tcpStateNotes.toolInvocationInfo', name, input);
    const snapshot = await prepared('capture_socket_snapshot', {});
    assert.equal(snapshot?.confirmation?.title, 'Capture a socket snapshot?');
    assert.match(snapshot?.confirmation?.message ?? '', /from \/proc on the machine where the extension host runs[\s\S]*Nothing is written and no note is changed/);
    assert.match(snapshot?.invocationMessage ?? '', /\/proc/);
    for (const [name, input] of [['explain_tcp_state', { term: 'FIN_WAIT1' }], ['summarize_socket_evidence', {}], ['check_tcp_note', {}]] as const) {
      const info = await prepared(name, input);
      assert.ok(info?.invocationMessage, name);
      assert.equal(info?.confirmation, undefined, `${name} is read-only and asks nothing`);
    }
  });

  test('capture_socket_snapshot returns a snapshot without touching the note (Node host), or says why not (web)', async () => {
    const editor = await openNote('fixtures', 'report', 'incident.md');
    const before = editor.document.getText();
    if (webWorkerHost()) {
      assert.match(await invokeError('capture_socket_snapshot', {}), /browser \(web worker\), which has no \/proc/);
    } else {
      const text = await invoke('capture_socket_snapshot', { lang: 'en' });
      assert.match(text, /It was NOT inserted into any note/);
      assert.match(text, /```[a-z]*\n# tcp-state-notes snapshot host=/);
      assert.match(text, /TCP: inuse \d+ orphan \d+ tw \d+/);
    }
    assert.equal(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, false);
  });
});
