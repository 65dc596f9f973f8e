/**
 * The sentence test of `tw-holds-fd`: a sentence that says TIME_WAIT sockets hold a file descriptor — they hold,
 * occupy, keep or use one (占用, 持有, 占着), count against the process's open-file limit (ulimit -n, nofile, 计入),
 * or cause "too many open files" (导致, "because of the TIME_WAIT sockets").
 *
 * A TIME-WAIT socket is a timewait minisock no descriptor refers to; CLOSE_WAIT is the state that keeps its fd, so
 * the claim needs TIME_WAIT itself as the subject of the verb (a list `TIME_WAIT and CLOSE_WAIT` counts), in one
 * clause: "CLOSE_WAIT holds the fd; TIME_WAIT holds the port" and 占着端口 make no claim. Told as a past belief or
 * event (当时, "back then") it is a story, not a claim.
 * Pure: no `vscode`, no Node built-ins.
 */
import { CLAUSE_END, claimed, clauseEnd, spans, TOLD_PAST as PAST, TW_G, type Span } from './claimParts';

/** Literal pre-test: a file-descriptor word. */
const FD_WORD = /descriptor|\bfds?\b|file handle|open files|nofile|ulimit|RLIMIT_NOFILE|EMFILE|文件描述符|句柄|打开文件/i;

/** A descriptor, or the per-process limit on them. */
const FD_EN = String.raw`(?:file[- ](?:descriptors?|handles?)|fds?\b|descriptors?\b|open[- ]files?\b|nofile\b|ulimit\b|RLIMIT_NOFILE\b)`;
/** The noun after TIME_WAIT ("TIME_WAIT sockets"), another state in a list with it, and auxiliaries and adverbs. */
const NP_EN = String.raw`^\x60?(?:\s(?:and|or|&|/)\s?(?:close|fin|last|syn)[\w-]{0,10})?(?:\s(?:sockets?|connections?|conns?|entries|entry|state|states|ones))?(?:\s(?:each|all|also|still|both|too|themselves|are|is|will|would|can|do|does|must|may|might|always|really|actually)){0,3}\s`;
/** Hold, occupy, keep or use a descriptor (present or future: a past "held" tells an event). */
const HOLD_EN = new RegExp(
  NP_EN +
    String.raw`(?:hold|holds|holding|occupy|occupies|occupying|keep|keeps|keeping|use|uses|using|consume|consumes|consuming|take|takes|taking|tie|ties|tying|eat|eats|eating|exhaust|exhausts|exhausting|pin|pins|pinning|have|has|having|burn|burns|burning|waste|wastes|wasting|need|needs|retain|retains|leak|leaks|fill|fills|filling)` +
    String.raw`(?:\s(?:up|onto))?\s(?:(?:a|an|the|their|its|one|each|your|our|all|many|lots|of|too|process's|open|whole)\s){0,3}(?:(?:local\s)?ports?\s(?:and|plus)\s(?:(?:a|an|the|their|its)\s)?)?` +
    FD_EN,
  'i',
);
/** Count against the open-file limit ("count against ulimit -n", "are counted as open files"). */
const COUNT_EN = new RegExp(
  NP_EN +
    String.raw`(?:count|counts|counted|counting)\s(?:as|against|toward|towards|in|into|to)\s(?:(?:the|your|our|a|each|its|their)\s)?(?:(?:process's|processes'|per-process|application's|app's|process)\s)?` +
    FD_EN,
  'i',
);
/** "Too many open files" or running out of descriptors. */
const FD_LIMIT_EN = String.raw`(?:too\smany\sopen\sfiles|EMFILE|(?:fd|file[- ]descriptor)\sexhaustion|running\sout\sof\s(?:file\sdescriptors|fds))`;
/** TIME_WAIT causes it ("TIME_WAIT connections cause "Too many open files" errors"). */
const CAUSES_EN = new RegExp(
  NP_EN + String.raw`(?:cause|causes|causing|trigger|triggers|triggering|lead\sto|leads\sto|result\sin|results\sin|produce|produces)\s(?:the\s)?["'“]?` + FD_LIMIT_EN,
  'i',
);
/** Its cause is TIME_WAIT ("too many open files because of the TIME_WAIT sockets"): from the limit on. */
const BECAUSE_EN = new RegExp(
  String.raw`${FD_LIMIT_EN}["'”]?(?:\s(?:errors?|messages?))?\s(?:(?:is|are|was|were)\s)?(?:because\sof|due\sto|caused\sby|comes?\sfrom|from)\s(?:(?:the|all|those|these|too|many|of)\s){0,3}(?:[\w-]+\s)?(?:time\\?[_ -]?wait|tw\s(?:sockets?|connections?|entries))`,
  'gi',
);
/** Descriptors held by TIME_WAIT (passive, present: "file descriptors are held by TIME_WAIT sockets"). */
const HELD_BY_EN = new RegExp(
  String.raw`${FD_EN}\s(?:(?:are|is|get|gets|being)\s)?(?:held|occupied|used(?:\sup)?|consumed|taken(?:\sup)?|tied\sup|eaten(?:\sup)?|exhausted|kept(?:\sopen)?|pinned)\sby\s(?:(?:the|all|many|too|those|these)\s){0,2}(?:[\w-]+\s)?(?:time\\?[_ -]?wait|tw\s(?:sockets?|connections?|entries))`,
  'gi',
);

/** Chinese: the noun after TIME_WAIT, another state listed with it, how many (过多, 堆积), adverbs. */
const NP_ZH = String.raw`^\x60?\s?(?:(?:和|与|及|以及|、|/)\s?(?:close|fin|last|syn)[\w-]{0,10}\s?)?(?:状态)?(?:下)?(?:的)?\s?(?:连接|socket|sockets|套接字)?\s?(?:过多|太多|多了|堆积|数量过多)?\s?(?:[也都还仍然依会要均一直将每个各自]){0,6}`;
const FD_ZH = String.raw`(?:文件描述符|文件句柄|句柄|描述符|fds?\b|FDs?\b|ulimit|nofile|打开文件数?)`;
/** 占用 / 持有 / 占着 a descriptor (or a port and a descriptor). */
const HOLD_ZH = new RegExp(
  NP_ZH +
    String.raw`(?:占用|占着|占据|占满|占|持有|霸占|消耗|耗尽|耗光|用光|用完|吃掉|吃光|吃|保留|保持|绑定|对应|还有|仍有|也有|都有|拥有)(?:了|着)?\s?(?:(?:一个|1\s?个|一份|大量的?|很多|许多|不少|所有的?|全部的?|各自的?|自己的?|对应的?|进程的?|应用的?|的)\s?){0,3}(?:(?:端口|内存)\s?(?:和|与|以及|、)\s?)?` +
    FD_ZH,
  'i',
);
/** 计入 the open-file limit. */
const COUNT_ZH = new RegExp(
  NP_ZH + String.raw`(?:计入|算入|算在|算进|计算在|算作|计到)\s?(?:进程|应用)?的?\s?(?:ulimit|nofile|打开文件数|最大打开文件数|文件描述符|fd\b|open\sfiles)`,
  'i',
);
const FD_LIMIT_ZH = String.raw`(?:too\smany\sopen\sfiles|EMFILE|(?:文件描述符|文件句柄|句柄|fds?|FD)\s?(?:耗尽|不够用?|不足|用完|用光|超限|满了|打满)|打开文件数(?:超限|超过上限|不够))`;
/** 导致 too many open files, after a short stretch (TIME_WAIT 过多导致…). */
const CAUSES_ZH = new RegExp(String.raw`^[^。，,；;：:]{0,12}(?:导致|引起|造成|引发|使得|带来)了?\s?["“]?` + FD_LIMIT_ZH, 'i');
/** Another state or a leak between TIME_WAIT and 导致: the cause named is that one. */
const OTHER_CAUSE = /close|estab|fin[_ -]|last|syn|listen|泄漏|泄露|没有关闭|未关闭/i;
/** too many open files 是因为 TIME_WAIT; fd 被 TIME_WAIT 占用. */
const BECAUSE_ZH = new RegExp(
  FD_LIMIT_ZH + String.raw`["”]?\s?(?:是因为|是由于|因为|由于|来自|源于|是)\s?(?:太多的?|大量的?|过多的?)?\s?(?:time\\?[_ -]?wait|tw\s(?:sockets?|connections?))`,
  'gi',
);
const HELD_BY_ZH = new RegExp(
  FD_ZH + String.raw`\s?(?:都|也|全)?被\s?(?:大量的?|过多的?)?\s?(?:time\\?[_ -]?wait)(?:\s?(?:状态)?的?\s?(?:连接|socket))?\s?(?:给)?(?:占用|占着|占满|占了|持有|消耗|耗尽|用光|用完|吃掉|吃光)`,
  'gi',
);

/**
 * What follows the descriptor and says it is closed ("have their file descriptors closed already", 对应的文件描述符早已关闭,
 * 对应的 fd 已经被 close 了): a true statement about the descriptor, not a claim that it is held.
 */
const FD_CLOSED_AFTER = /^[^。，,；;.]{0,16}?(?:\b(?:closed|released|freed|gone)\b|关闭|释放|被\s?close|close\s?(?:掉|了))/i;

/** The claim's words after one TIME_WAIT, in its clause: from TIME_WAIT to the descriptor. */
function afterTimeWait(s: string, tw: Span): Span | undefined {
  const after = s.slice(tw.end, clauseEnd(s, tw.end));
  for (const re of [HOLD_EN, COUNT_EN, CAUSES_EN, HOLD_ZH, COUNT_ZH]) {
    const m = re.exec(after);
    if (m) return { start: tw.start, end: tw.end + m[0].length };
  }
  const cause = CAUSES_ZH.exec(after);
  if (cause && !OTHER_CAUSE.test(cause[0])) return { start: tw.start, end: tw.end + cause[0].length };
  return undefined;
}

/** Runs of blanks as one (inline code's backticks reach the rules as blanks: "TIME_WAIT  sockets"). */
const BLANKS = /\s+/g;

export function twHoldsFd(text: string): boolean {
  if (!FD_WORD.test(text) || PAST.test(text)) return false;
  const s = text.replace(BLANKS, ' ');
  const tws = spans(TW_G, s);
  if (!tws.length) return false;
  for (const tw of tws) {
    const span = afterTimeWait(s, tw);
    if (span && !FD_CLOSED_AFTER.test(s.slice(span.end, clauseEnd(s, span.end))) && claimed(s, span)) return true;
  }
  // From the descriptor to TIME_WAIT, in one clause: "too many open files because of TIME_WAIT", 被 TIME_WAIT 占用.
  for (const re of [BECAUSE_EN, HELD_BY_EN, BECAUSE_ZH, HELD_BY_ZH]) {
    for (const span of spans(re, s)) if (!CLAUSE_END.test(s.slice(span.start, span.end)) && claimed(s, span)) return true;
  }
  return false;
}
