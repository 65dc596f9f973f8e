/**
 * Commands whose output is table entries, not sockets: netfilter's connection tracking (`conntrack -L`,
 * /proc/net/nf_conntrack) and IPVS's connections (`ipvsadm -lnc`, /proc/net/ip_vs_conn). Their states are the
 * tables' (command.ts CommandContext.conntrack: no socket counts). Pure: no `vscode`, no Node built-ins.
 */
import { basename } from './text';

/** The `conntrack` tool as a word (`conntrack -L`, `/usr/sbin/conntrack`, `'conntrack -L | wc -l'`), not `nf_conntrack_max`. */
const CONNTRACK_TOOL = /(?:^|[\s/|;&('"`])conntrack(?=$|[\s|;&)'"`])/;
/** The conntrack table's files: /proc/net/nf_conntrack, /proc/net/ip_conntrack, /proc/net/stat/nf_conntrack. */
const CONNTRACK_FILE = /\/proc\/net\/(?:stat\/)?(?:nf|ip)_conntrack/;

/**
 * `ipvsadm -lnc` / `ipvsadm -L -n -c` / `--connection`, and /proc/net/ip_vs_conn: the IPVS connection table. Read
 * word by word: an `ipvsadm` word, then, before the next `|`, `;` or `&`, a short option cluster with `c` or
 * `--connection`.
 */
function readsIpvsConnections(text: string): boolean {
  if (text.includes('/proc/net/ip_vs_conn')) return true;
  const words = text.split(/\s+/);
  for (let i = 0; i < words.length && i < 256; i++) {
    if (basename(words[i] as string).replace(/^['"`(]+/, '') !== 'ipvsadm') continue;
    for (let j = i + 1; j < words.length && j < i + 32; j++) {
      const w = words[j] as string;
      if (w.startsWith('|') || w.startsWith(';') || w.startsWith('&')) break;
      if (w === '--connection' || (w.length > 1 && w[0] === '-' && w[1] !== '-' && w.includes('c'))) return true;
    }
  }
  return false;
}

/**
 * Does the command read the connection-tracking table (CommandContext.conntrack), or the IPVS connection table
 * (a load balancer's entries for the connections it forwards, with TCP-like state names, not its sockets)?
 */
export function readsConntrack(text: string): boolean {
  if (text.includes('conntrack') && (CONNTRACK_TOOL.test(text) || CONNTRACK_FILE.test(text))) return true;
  return (text.includes('ipvsadm') || text.includes('ip_vs_conn')) && readsIpvsConnections(text);
}

