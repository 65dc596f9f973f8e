/**
 * The tcp_tw_recycle rule in code blocks (misconceptions.ts reads prose): a line that turns it on — a command, a
 * line of a configuration file — as opposed to a command's output, a comment, or a line a comment warns against.
 * Pure: no `vscode`, no Node built-ins.
 */
import { classifyLine, type LineClass } from '../evidence/commandLine';
import { negatedWithin, refutes } from './claimScope';
import { MAX_SENTENCE } from './noteLines';
import { HARM, REMOVED, TW_RECYCLE_SETTING } from './recycleWords';

/** The setting's name in any case (the needle has no letter whose case mapping leaves ASCII). */
export const TW_RECYCLE_WORD = /tcp_tw_recycle/i;
/** A fence line (opening or closing): a code block starts or ends. */
export const FENCE = /^ {0,3}(?:`{3}|~{3})/;
/** A sysctl configuration file's path in a command (`cat /etc/sysctl.d/99-tuning.conf`, `grep tw /etc/sysctl.conf`). */
const SYSCTL_CONFIG_PATH = /(?:^|[\s'"=<])\/(?:etc|usr\/lib|run)\/sysctl(?:\.conf|\.d\/)/;
/** A command that shows a file's lines as they are (not `diff`, `git log -p`, `sysctl -p`): cat, grep, a pager, an editor. */
const VIEWER = /^(?:sudo\s+)?(?:cat|tac|less|more|bat|head|tail|grep|egrep|fgrep|rg|vi|vim|view|nano)\s/;
/** A comment that warns against the line under it. */
const WARNS_ZH = /(?:不要|(?<![区分特级类性告差识派个])别|切勿|千万别|千万不要|禁止)(?:再)?(?:执行|运行|跑|开启|打开|启用|使用|用|设置|改|照抄|复制)|危险/;
const WARNS_EN = /\b(?:don'?t|do not|never) (?:run(?! out)|use|enable|set|copy|apply|paste|turn on)\b|\bdangerous\b/i;
/** A root prompt before `echo` (`# echo 1 > …`): classifyLine reads `# ` + an unknown command as a comment. */
const ROOT_ECHO = /^\s*#\s+(?:sudo\s+)?echo\s/;

/**
 * A code line that turns tcp_tw_recycle on: a command (`sysctl -w …=1`, `echo 1 > …`, after any prompt) or a line
 * of a config file — not a comment, and not output: a line after a command line in the same block is what the
 * command printed (`sysctl -p` echoing the file, `sysctl -a | grep recycle`), evidence, not a setting. A trailing
 * comment that warns (`= 1  # 已废弃，不要开`) takes it back.
 */
function setsTwRecycle(raw: string, cls: LineClass | undefined, afterCommand: boolean): boolean {
  let text: string;
  if (cls?.type === 'command') text = cls.text;
  else if (ROOT_ECHO.test(raw)) text = raw.slice(raw.indexOf('#') + 1);
  else if (cls?.type === 'comment' || afterCommand) return false;
  else text = raw;
  const m = TW_RECYCLE_SETTING.exec(text);
  if (!m) return false;
  const before = text.slice(0, m.index);
  if (before.includes('#')) return false; // `#net.ipv4.tcp_tw_recycle = 1`: commented out
  const hash = text.indexOf('#', m.index);
  const comment = hash < 0 ? '' : text.slice(hash + 1, hash + 1 + MAX_SENTENCE);
  return !(comment && (REMOVED.test(comment) || HARM.test(comment) || refutes(comment) || negatedWithin(comment, 0, comment.length)));
}

/** Reads a code block's lines in order: what came before a line decides what the line is (output, warned). */
export class RecycleInCode {
  /** Whether a command line came before in the current code block (what follows it is its output). */
  private afterCommand = false;
  /** Whether the code line before was a comment that warns against what follows. */
  private warned = false;

  /** A fence line: a code block starts or ends. */
  fence(): void {
    this.afterCommand = false;
    this.warned = false;
  }

  /** Whether this line of the block turns tcp_tw_recycle on. */
  sets(raw: string): boolean {
    const cls = classifyLine(raw);
    const warning = this.warned;
    // A comment line that warns (`# 不要执行下面这一行！`, `# don't run this`) takes back the line under it.
    this.warned = cls?.type === 'comment' && (WARNS_ZH.test(raw) || WARNS_EN.test(raw));
    // What follows a command is its output — except a here-document (`tee -a /etc/sysctl.conf <<EOF`), its input,
    // and a configuration file shown (`cat /etc/sysctl.d/99-tuning.conf`): its lines are the settings it makes.
    if (cls?.type === 'command') this.afterCommand = !cls.text.includes('<<') && !(SYSCTL_CONFIG_PATH.test(cls.text) && VIEWER.test(cls.text.trim()) && !cls.text.includes('|'));
    return TW_RECYCLE_WORD.test(raw) && !warning && setsTwRecycle(raw, cls, this.afterCommand);
  }
}
