/**
 * The words of the tcp_tw_recycle rule that its prose test (misconceptions.ts) and its code test (recycleInCode.ts)
 * share. Pure: no `vscode`, no Node built-ins.
 */

/** A command or config line that turns it on. */
export const TW_RECYCLE_SETTING = /(?:tcp_|(?<!\w))tw_recycle\s*=\s*["']?1\b|\becho\s+["']?1["']?\s*>{1,2}\s*\S*tcp_tw_recycle\b/i;
/** Signs that the line knows the key is gone, including the errors sysctl tools print for it. */
export const REMOVED =
  /\b(?:remov\w*|deprecat\w*|no longer (?:exists?|supported|available|works?|present|there)|obsolete|(?:tcp_tw_recycle|key|setting|option|sysctl|parameter|knob|tunable|file|entry)\s+(?:is\s+|was\s+|has\s+been\s+)?gone|dropped|unknown key|cannot stat|no such file|breaks?|broke|broken|NAT)\b|\b4\.(?:1[2-9]|[2-9]\d)\b|\b(?:kernel|linux)\s*(?:v(?:ersion)?\s*)?[5-9]\.(?:\d+|x)\b|内核\s*[5-9]\.(?:\d+|x)|\b[5-9]\.(?:\d+|x)(?:\.\d+)?\s*(?:kernel\b|内核|及以上|以上|以后|之后|\+)|移除|删除|废弃|去掉|不再(?:存在|支持|可用|有效|生效|提供)|取消|NAT/i;
/** What it did to someone: a warning, not advice. */
export const HARM = /\b(?:fail\w*|outage|incident|risk\w*|danger\w*|careful|caution|beware|pitfall)\b|连不上|连接失败|握手失败|建连失败|丢包|事故|故障|出问题|出了问题|报错|异常|踩坑|坑|风险|危险|慎用|谨慎|小心/i;
