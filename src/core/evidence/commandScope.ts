/**
 * Where a command line's tool runs and what it lists, as far as the command says: a wrapper that runs it
 * elsewhere (`ip netns exec blue`, `nsenter`, `ssh lb-8`, `kubectl exec`, `ss -N blue`) and the address family
 * it selects (`-4`, `-6`, `-f inet6`, `-A inet`). Counts from outputs whose scopes differ are different sockets
 * (blockCounts.ts). Read by command.ts. Pure: no `vscode`, no Node built-ins.
 */
import { basename, isWordChar } from './text';

/** Wrappers that run a command elsewhere: in a network namespace, a container, on another host. */
const ELSEWHERE: ReadonlySet<string> = new Set(['ip', 'nsenter', 'ssh', 'kubectl', 'oc', 'docker', 'podman', 'nerdctl', 'crictl', 'lxc-attach', 'incus', 'lxc']);

/**
 * Where the words before a tool run it (`sudo ip netns exec blue` → `ip netns exec blue`, `nsenter -t 1234 -n` →
 * `nsenter 1234`): from the first wrapper that runs a command elsewhere, its words without options. After `outer`
 * (the wrapper around a `watch` / `bash -c`). Undefined when nothing runs it elsewhere.
 */
export function targetOf(prefix: readonly string[], outer: string | undefined): string | undefined {
  const at = prefix.findIndex((w) => ELSEWHERE.has(basename(w)));
  if (at < 0) return outer;
  const own = placeWords(basename(prefix[at] as string), prefix.slice(at + 1));
  if (own === '') return outer; // `nsenter -t 1 -n`: the host's own namespace
  return outer === undefined ? own : `${outer} ${own}`;
}

/**
 * A target as placeWords writes it when ssh runs the command (`ssh lb-8`, `ssh lb-8 netns blue`): the host, and the
 * place on it after the host ('' for none). Undefined when no ssh runs it.
 */
export function sshParts(target: string | undefined): { readonly host: string; readonly rest: string } | undefined {
  if (!target?.startsWith('ssh ')) return undefined;
  const space = target.indexOf(' ', 4);
  return space < 0 ? { host: target.slice(4), rest: '' } : { host: target.slice(4, space), rest: target.slice(space + 1) };
}

/** Options of the wrappers that take a value (the value is not the place). */
const VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  ssh: new Set(['-p', '-i', '-l', '-o', '-F', '-J', '-b', '-c', '-D', '-E', '-e', '-I', '-L', '-m', '-O', '-Q', '-R', '-S', '-W', '-w']),
  kubectl: new Set(['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server']),
  docker: new Set(['-u', '--user', '-e', '--env', '-w', '--workdir', '--env-file']),
  nsenter: new Set(['-t', '--target']),
};
/** Container tools whose `exec NAME` is one place, written `docker NAME` (report/hostNetwork.ts reads their `run` too). */
export const CONTAINER_TOOLS: ReadonlySet<string> = new Set(['docker', 'podman', 'nerdctl', 'crictl']);

/**
 * One canonical name for where a wrapper runs its command, so that two ways of writing the same place are one:
 * `ssh root@lb-3` and `ssh -p 22 lb-3` → `ssh lb-3`; `kubectl -n prod exec api-a` and `kubectl exec -n prod api-a -c
 * envoy` → `kubectl prod/api-a` (a pod's containers share its network namespace); `docker exec -u root web` →
 * `docker web`; `ip netns exec blue` → `netns blue` (as `ss -N blue`); `nsenter -t 4821 -n` → `nsenter 4821`, and
 * `nsenter -t 1` → '' (PID 1's namespace is the host's). Other wrappers: their words without options.
 */
function placeWords(tool: string, args: readonly string[]): string {
  const family = tool === 'oc' ? 'kubectl' : CONTAINER_TOOLS.has(tool) ? 'docker' : tool;
  const valued = VALUE_OPTIONS[family];
  const values = new Map<string, string>();
  const plain: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as string;
    if (w === '--') break;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0) {
      values.set(w.slice(0, eq), w.slice(eq + 1));
      continue;
    }
    if (valued?.has(w)) {
      values.set(w, args[++i] ?? '');
      continue;
    }
    if (!w.startsWith('-')) plain.push(w);
  }
  if (family === 'ssh') {
    const host = plain[0];
    return host === undefined ? 'ssh' : `ssh ${host.slice(host.indexOf('@') + 1)}`;
  }
  if (family === 'kubectl' || family === 'docker') {
    const exec = plain.indexOf('exec');
    const name = (exec >= 0 ? plain[exec + 1] : plain[0])?.replace(/^pods?\//, '');
    if (name === undefined) return tool;
    const ns = values.get('-n') ?? values.get('--namespace');
    return family === 'kubectl' ? `kubectl ${ns ?? ''}/${name}` : `docker ${name}`;
  }
  if (family === 'nsenter') {
    const pid = values.get('-t') ?? values.get('--target');
    const net = values.get('--net') ?? values.get('--net-ns');
    if (net !== undefined && net !== '') {
      // `--net=/proc/4821/ns/net` is the namespace `-t 4821 -n` enters; `--net=/var/run/netns/blue` is `ip netns`' blue.
      const proc = /^\/proc\/(\d{1,10})\/ns\/net$/.exec(net);
      if (proc) return proc[1] === '1' ? '' : `nsenter ${proc[1]}`;
      const last = net.slice(net.lastIndexOf('/') + 1);
      return `netns ${last === '' || last === 'net' ? net : last}`;
    }
    // Without -n (or -a) nsenter leaves the network namespace alone: `nsenter -t 4821 -m -p ss …` lists the host's.
    if (!entersNetns(args)) return '';
    return pid === '1' ? '' : pid === undefined ? 'nsenter' : `nsenter ${pid}`;
  }
  if (family === 'ip' && plain[0] === 'netns' && plain[1] === 'exec' && plain[2] !== undefined) return `netns ${plain[2]}`;
  return [tool, ...plain].join(' ');
}

/** nsenter's short options that take a value (attached or next): the letters after one are its value. */
const NSENTER_VALUED = new Set(['t', 'S', 'G', 'r', 'w', 'W']);

/** nsenter's arguments enter the target's network namespace: `-n`, `--net`, `-a` / `--all`, or a cluster holding n or a (`-mnp`). */
function entersNetns(args: readonly string[]): boolean {
  for (const w of args) {
    if (w === '--') break;
    if (w === '--net' || w.startsWith('--net=') || w === '--all') return true;
    if (w.startsWith('-') && !w.startsWith('--')) {
      for (const c of w.slice(1)) {
        if (c === 'n' || c === 'a') return true;
        if (NSENTER_VALUED.has(c)) break;
      }
    }
    // The command nsenter runs starts at the first word that is no option nor an option's value: stop there.
    if (!w.startsWith('-') && !/^\d+$/.test(w)) break;
  }
  return false;
}

/** `ss -N blue` / `ss --net=blue`: ss switches to that network namespace itself. */
export function ssNamespace(args: readonly string[]): string | undefined {
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    if (a === '-N' || a === '--net') return args[j + 1] === undefined ? undefined : `netns ${args[j + 1]}`;
    if (a.startsWith('--net=')) return `netns ${a.slice(6)}`;
  }
  return undefined;
}

const PROC_NET_TCP = '/proc/net/tcp';

/**
 * The address family of the /proc/net/tcp files a command line names: '4' for /proc/net/tcp (the IPv4 sockets), '6'
 * for /proc/net/tcp6 (the IPv6 ones, IPv4-mapped addresses included). Undefined when it names both, none, or one
 * it does not spell out (`/proc/net/tcp*`, `/proc/net/tcp{,6}`).
 */
export function procNetTcpFamily(text: string): '4' | '6' | undefined {
  let found: '4' | '6' | undefined;
  for (let at = text.indexOf(PROC_NET_TCP); at !== -1; at = text.indexOf(PROC_NET_TCP, at + PROC_NET_TCP.length)) {
    let end = at + PROC_NET_TCP.length;
    const six = text.charCodeAt(end) === 54; /* 6 */
    if (six) end++;
    const next = text.charCodeAt(end);
    // A word or path goes on (`/proc/net/tcp_x`), or a pattern stands for several files (`*`, `?`, `[`, `{`).
    if (isWordChar(next) || next === 42 || next === 63 || next === 91 || next === 123) return undefined;
    const family = six ? '6' : '4';
    if (found !== undefined && found !== family) return undefined;
    found = family;
  }
  return found;
}

/**
 * The address family an `ss` or `netstat` command selects: `-4` / `-6` (alone or in a cluster: `-tan4`),
 * `--ipv4` / `--ipv6` / `--inet` / `--inet6`, `-f inet6` (ss, BSD netstat), `-A inet6` (Linux netstat),
 * `--family=inet6`, Windows `-p tcpv6`. Undefined when it selects both or does not say.
 */
export function familyOf(tool: string, args: readonly string[]): '4' | '6' | undefined {
  let v4 = false;
  let v6 = false;
  const value = (v: string | undefined): void => {
    const x = v?.toLowerCase();
    if (x === 'inet') v4 = true;
    else if (x === 'inet6') v6 = true;
  };
  const withValue = tool === 'ss' ? 'f' : 'fA';
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    if (a === '--ipv4' || a === '--inet') v4 = true;
    else if (a === '--ipv6' || a === '--inet6') v6 = true;
    else if (a === '--family') value(args[++j]);
    else if (a.startsWith('--family=')) value(a.slice(9));
    else if (tool === 'netstat' && (a === '-p' || a === '-P') && args[j + 1]?.toLowerCase() === 'tcpv6') v6 = true;
    else if (a.length >= 2 && a[0] === '-' && a[1] !== '-') {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k] as string;
        if (ch === '4') v4 = true;
        else if (ch === '6') v6 = true;
        else if (withValue.includes(ch)) {
          value(k + 1 < a.length ? a.slice(k + 1) : args[++j]);
          break;
        }
      }
    }
  }
  return v4 === v6 ? undefined : v4 ? '4' : '6';
}
