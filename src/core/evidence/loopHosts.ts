/**
 * A shell loop over hosts (`for h in lb-2 lb-3; do echo "== $h"; ssh $h cat /proc/net/sockstat; done`): its output
 * is each host's in turn, and the lines the loop echoes to mark them (`== lb-2`, `--- lb-3 ---`, `[lb-2]`, `lb-3:`)
 * name the host of the output under them. Read by parse.ts like ansible's and pssh's host headers.
 * Pure: no `vscode`, no Node built-ins.
 */

/** `for VAR in ` opening a loop (the words and the body are cut out by index: no long bounded repeats). */
const FOR_IN = /^for\s([A-Za-z_]\w*)\sin\s/;
/** A host name as a loop word: letters, digits, `.`, `-`, `_`, maybe `user@` before it. */
const HOST_WORD = /^(?:[A-Za-z0-9_.-]{1,32}@)?([A-Za-z0-9][A-Za-z0-9_.-]{0,62})$/;
/** What a marker line puts around a name: `== lb-2`, `--- lb-3 ---`, `### lb-2`, `[lb-2]`, `<lb-2>`, `lb-2:`. */
const MARKER_CHARS = ' \t=#*>-[]<:';
/** The name itself. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;

/**
 * The hosts a command line loops over with ssh (`ssh $h`, `ssh "${h}"`, `ssh root@$h`, `pssh`-less loops), or
 * undefined when the line is no such loop. At most 64 hosts.
 */
export function loopHosts(command: string): readonly string[] | undefined {
  const line = command.trim().replace(/\s+/g, ' ');
  const m = FOR_IN.exec(line);
  if (!m || line.length > 800) return undefined;
  const name = m[1] as string;
  const semi = line.indexOf(';', m[0].length);
  if (semi < 0 || !line.slice(semi + 1).trimStart().startsWith('do ')) return undefined;
  const words = line.slice(m[0].length, semi);
  const body = line.slice(semi + 1);
  if (!usesInSsh(body, name)) return undefined;
  const hosts: string[] = [];
  for (const word of words.trim().split(' ').slice(0, 64)) {
    const h = HOST_WORD.exec(word.replace(/^["']|["']$/g, ''))?.[1];
    if (!h) return undefined; // `$(cat hosts)`, a glob: the hosts are not in the line
    hosts.push(h);
  }
  return hosts.length >= 1 ? hosts : undefined;
}

/** The host a marker line names, when it is one of `hosts` (`== lb-2` → `lb-2`). */
export function loopHostMarker(text: string, hosts: readonly string[]): string | undefined {
  if (text.length > 120) return undefined;
  let a = 0;
  let b = text.length;
  while (a < b && MARKER_CHARS.includes(text[a] as string)) a++;
  while (b > a && MARKER_CHARS.includes(text[b - 1] as string)) b--;
  const word = text.slice(a, b);
  if (a > 12 || text.length - b > 12 || !NAME.test(word)) return undefined;
  const host = word.includes('@') ? word.slice(word.indexOf('@') + 1) : word;
  return hosts.includes(host) ? host : undefined;
}

/** Whether an `ssh` in the loop's body takes the variable as its host (`ssh $h`, `ssh -p 22 "${h}"`, `ssh root@$h`). */
function usesInSsh(body: string, name: string): boolean {
  for (let at = body.indexOf('ssh '); at >= 0; at = body.indexOf('ssh ', at + 4)) {
    if (at > 0 && /[\w-]/.test(body[at - 1] as string)) continue;
    let end = body.length;
    for (const stop of [';', '|', '&']) {
      const i = body.indexOf(stop, at);
      if (i >= 0 && i < end) end = i;
    }
    const args = body.slice(at + 4, end);
    if (args.includes(`$${name}`) || args.includes(`\${${name}}`)) return true;
  }
  return false;
}
