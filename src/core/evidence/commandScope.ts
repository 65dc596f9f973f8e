/**
 * Where a command line's tool runs and what it lists, as far as the command says: a wrapper that runs it
 * elsewhere (`ip netns exec blue`, `nsenter`, `ssh lb-8`, `kubectl exec`, `ss -N blue`) and the address family
 * it selects (`-4`, `-6`, `-f inet6`, `-A inet`). Counts from outputs whose scopes differ are different sockets
 * (blockCounts.ts). Read by command.ts. Pure: no `vscode`, no Node built-ins.
 */
import { basename } from './text';

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
  const words = prefix.slice(at).filter((w) => !w.startsWith('-') && w !== '--');
  const own = words.map((w, i) => (i === 0 ? basename(w) : w)).join(' ');
  return outer === undefined ? own : `${outer} ${own}`;
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
