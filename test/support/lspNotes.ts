/**
 * The notes the third-party LSP clients' tests open (Neovim's, eglot's): a state glued to Chinese text, a look-alike
 * with its quick fix, an evidence block (a document symbol), a wrong claim; and a second note never opened, which
 * the server's workspace index finds for references.
 */

/** The opened note's lines; `extra` lines go in before the claim (its line stays the last but one). */
export function clientNote(extra: readonly string[] = []): string {
  return [
    '# 连接笔记',
    '',
    '服务端大量CLOSE_WAIT连接，客户端还有很多TIME_WAITE。',
    '',
    '```',
    'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
    'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
    '```',
    '',
    ...extra,
    'TIME_WAIT lasts 4 minutes.',
    '',
  ].join('\n');
}

/** The note never opened in the client. */
export const UNOPENED_NOTE = '另一份笔记：CLOSE-WAIT 还在。\n';
