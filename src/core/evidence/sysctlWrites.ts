/**
 * Whether a command line sets sysctls or shows a sysctl configuration file (command.ts CommandContext.setsSysctls):
 * the values printed after it are set from then on, not read from the running kernel (report/inEffect.ts).
 * Pure: no `vscode`, no Node built-ins.
 */
import { basename } from './text';

/** A sysctl configuration file (`/etc/sysctl.conf`, `/etc/sysctl.d/90-tcp.conf`, `/usr/lib/sysctl.d/…`). */
const isSysctlConfig = (w: string): boolean => w.endsWith('sysctl.conf') || w.includes('/sysctl.d/');

/** `-w`, `-p`, `-qw`, `--write`, `--load`, `--system`, or an argument `key=value`: sysctl(8) sets. */
function sysctlSets(args: readonly string[]): boolean {
  return args.some((a) =>
    a.startsWith('--') ? a === '--write' || a === '--system' || a.startsWith('--load') : a.startsWith('-') ? a.includes('w') || a.includes('p') : a.includes('='),
  );
}

/**
 * Does a pipeline set sysctls (or show a configuration file)? Read word by word: a `sysctl` that writes, a
 * redirection or `tee` into /proc/sys, any word naming a sysctl configuration file.
 */
export function setsSysctls(stages: readonly (readonly string[])[]): boolean {
  for (const words of stages) {
    for (let j = 0; j < words.length && j < 64; j++) {
      const w = words[j] as string;
      if (isSysctlConfig(w)) return true;
      const b = basename(w);
      if (b === 'sysctl' && sysctlSets(words.slice(j + 1))) return true;
      if (b === 'tee' && words.slice(j + 1).some((a) => a.startsWith('/proc/sys/'))) return true;
      // `> /proc/sys/…`, `>/proc/sys/…`, `>>…`
      const to = w.startsWith('>') ? w.replace(/^>{1,2}/, '') || (words[j + 1] ?? '') : '';
      if (to.startsWith('/proc/sys/')) return true;
    }
  }
  return false;
}

