/** The CLI's messages to a person that depend on `--lang` (usage errors stay English, like the options they name). */
import type { Localized } from '../core/catalogue/types';

export const CLI_TEXT = {
  unknownTerm: {
    en: 'unknown term "{term}": not a TCP state, sysctl, counter, sockstat field or kernel message this tool knows{hint}',
    'zh-cn': '未知术语 "{term}"：不是本工具认识的 TCP 状态、sysctl、计数器、sockstat 字段或内核消息{hint}',
  },
  didYouMean: { en: ' (did you mean {list}?)', 'zh-cn': '（是否想写 {list}？）' },
  or: { en: ' or ', 'zh-cn': ' 或 ' },
} as const satisfies Record<string, Localized>;
