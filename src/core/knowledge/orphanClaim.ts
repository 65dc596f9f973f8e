/**
 * The orphan rule's sentence test (`orphan-close-wait-time-wait`): a sentence that says CLOSE_WAIT or TIME_WAIT
 * sockets are orphans — as a copula (CLOSE_WAIT 就是孤儿, "orphans are the TIME_WAIT ones"), a list (包括, "include"),
 * an adjective ("orphaned CLOSE_WAIT sockets"), a count ("count against tcp_max_orphans", 计入) or a cause ("the
 * orphan count went up because of the CLOSE_WAIT sockets").
 * Pure: no `vscode`, no Node built-ins.
 */
import { claimed, CW, TW } from './claimParts';

const ORPHAN_EN = /orphan/i;
const STATE_IS_ORPHAN_EN =
  /(?:close|time)\\?[_ -]?wait\w*(?:\s+(?:sockets?|connections?|state|states))?\s+(?:are|is|count(?:ed)?\s+as|=)\s+(?:also\s+|all\s+|just\s+|simply\s+|basically\s+|essentially\s+|effectively\s+|really\s+|considered\s+|treated\s+as\s+)?(?:an?\s+|the\s+)?orphan/i;
const ORPHAN_IS_STATE_EN =
  /\b(?:an\s+)?orphan(?:ed|s)?(?:\s+(?:sockets?|connections?))?(?:\s+(?:in|from|of)\s+(?:the\s+)?[\w/.]{1,24})?\s+(?:are|is|=|means?|refers?\s+to)\s+(?:just\s+|simply\s+|basically\s+|essentially\s+|really\s+|all\s+|the\s+|those\s+|ones\s+|stuck\s+|sitting\s+|left\s+|sockets?\s+|connections?\s+|an?\s+|too\s+many\s+|lots\s+of\s+|many\s+|a\s+lot\s+of\s+)*(?:in\s+)?(?:the\s+)?(?:close|time)\\?[_ -]?wait/i;
/**
 * Other English shapes of the claim: "orphaned CLOSE_WAIT sockets" (the adjective), "TIME_WAIT sockets count against
 * tcp_max_orphans", "CLOSE_WAIT means the socket is orphaned", "the orphan count went up because of the CLOSE_WAIT
 * sockets".
 */
const ORPHAN_STATE_EN = /(?<![-\w])orphan(?:ed)?\s+(?:close|time)\\?[_ -]?wait/i;
const STATE_COUNTS_AS_ORPHAN_EN =
  /(?:close|time)\\?[_ -]?wait\w*(?:\s+(?:sockets?|connections?|entries))?\s+(?:(?:are|is)\s+)?count(?:s|ed)?\s+(?:against|toward|towards|in|into|as\s+part\s+of)\s+(?:the\s+)?(?:tcp_max_)?orphan/i;
const STATE_MEANS_ORPHANED_EN =
  /(?:close|time)\\?[_ -]?wait\w*(?:\s+(?:state|sockets?|connections?))?\s+means\s+(?:that\s+)?(?:the\s+|a\s+)?(?:socket|connection)\s+(?:is|was|has\s+been)\s+orphaned/i;
const ORPHANS_BECAUSE_OF_STATE_EN =
  /(?<![-\w])orphan\w*\s+(?:count|counts|number|numbers)\b[^.;,]{0,40}?\b(?:because\s+of|due\s+to|caused\s+by|driven\s+by)\s+(?:all\s+)?(?:the\s+|those\s+|these\s+)?(?:\w+\s+)?(?:close|time)\\?[_ -]?wait/i;
/**
 * "Orphans include …", "orphaned sockets, such as …": the states named after it, in a list of state names that may
 * open with the true orphan states (FIN_WAIT1, LAST_ACK …) — not a clause that runs on to other words.
 */
const ORPHAN_INCLUDES_STATE_EN =
  /\borphan(?:ed|s)?(?:\s+(?:sockets?|connections?))?,?\s+(?:includ(?:e|es|ed|ing)|compris(?:e|es|ing)|such\s+as)\s+(?:(?:fin|last|closing|syn)[\w-]*\s*(?:,|\/|\band\b|\bor\b)\s*){0,4}(?:(?:those|sockets?|connections?|ones)\s+in\s+)?(?:the\s+)?(?:close|time)\\?[_ -]?wait/i;
/** Chinese copula (也 English nouns: `orphan socket 就是…`); group 1 runs up to the copula, group 2 is the copula. */
const STATE_IS_ORPHAN_ZH = /((?:close|time)\\?[_ -]?wait[^。，,；;]{0,12}?)(都是|就是|也是|是|属于|算作?|即|称为|叫做?)[^。，,；;]{0,6}?(?:孤儿|orphan)/i;
const ORPHAN_IS_STATE_ZH = /((?:孤儿|\borphan)[^。，,；;]{0,12}?)(就是|是|即|指)[^。，,；;]{0,20}?(?:close|time)\\?[_ -]?wait/i;
/** "孤儿连接包括 FIN_WAIT1、LAST_ACK、CLOSE_WAIT", "orphan 里包括 TIME_WAIT": the states listed after 包括 / 包含. */
const ORPHAN_INCLUDES_STATE_ZH = /((?:孤儿|\borphan)[^。，,；;]{0,16}?)(包括|包含|含有|涵盖)[^。，,；;]{0,40}?(?:close|time)\\?[_ -]?wait/i;
/** "CLOSE_WAIT 的 socket 会计入 sockstat 的 orphan": the state counted in the orphan number. */
const STATE_COUNTED_ORPHAN_ZH = /((?:close|time)\\?[_ -]?wait[^。，,；;]{0,16}?)(会计入|计入|算进|算入|计到|算在|统计进|统计到|归入)[^。，,；;]{0,30}?(?:孤儿|orphan)/i;

export function orphanCloseWaitTimeWait(s: string): boolean {
  if (!(TW.test(s) || CW.test(s))) return false;
  if (!ORPHAN_EN.test(s) && !s.includes('孤儿')) return false;
  for (const re of [STATE_IS_ORPHAN_EN, ORPHAN_IS_STATE_EN, ORPHAN_INCLUDES_STATE_EN, ORPHAN_STATE_EN, STATE_COUNTS_AS_ORPHAN_EN, STATE_MEANS_ORPHANED_EN, ORPHANS_BECAUSE_OF_STATE_EN]) {
    const m = re.exec(s);
    if (m && claimed(s, { start: m.index, end: m.index + m[0].length })) return true;
  }
  for (const re of [STATE_IS_ORPHAN_ZH, ORPHAN_IS_STATE_ZH, ORPHAN_INCLUDES_STATE_ZH, STATE_COUNTED_ORPHAN_ZH]) {
    const m = re.exec(s);
    // A negator governs the copula: before it (不是, 不算, 并不属于), not in the object after it.
    if (m && claimed(s, { start: m.index, end: m.index + (m[1] as string).length + (m[2] as string).length })) return true;
  }
  return false;
}
