/**
 * The variants of the "Insert Orphan Socket Diagnosis Template" command: one per symptom.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, Localized } from '../catalogue/types';

export type TemplateSymptom = 'general' | 'fin-wait-1' | 'fin-wait-2' | 'last-ack' | 'close-wait' | 'time-wait';

/** In quick-pick order. */
export const TEMPLATE_SYMPTOMS: readonly TemplateSymptom[] = [
  'general',
  'fin-wait-1',
  'fin-wait-2',
  'last-ack',
  'close-wait',
  'time-wait',
];

export interface TemplateVariant {
  readonly symptom: TemplateSymptom;
  /** Quick-pick label; also the H2 title of the inserted template (before host and time). */
  readonly title: Localized;
  /** Quick-pick detail line; also the description of the static snippet. */
  readonly description: Localized;
  /** Whether sockets of this symptom are orphans (sockstat `orphan`). */
  readonly orphans: 'yes' | 'no' | 'sometimes';
}

export const TEMPLATE_VARIANTS: Readonly<Record<TemplateSymptom, TemplateVariant>> = {
  general: {
    symptom: 'general',
    title: { en: 'Orphan socket growth', 'zh-cn': 'orphan socket 增长排查' },
    description: {
      en: '"TCP: too many orphaned sockets" in dmesg, sockstat orphan climbing, RSTs after close',
      'zh-cn': 'dmesg 出现 "TCP: too many orphaned sockets"、sockstat 的 orphan 持续上涨、close 之后对端收到 RST',
    },
    orphans: 'yes',
  },
  'fin-wait-1': {
    symptom: 'fin-wait-1',
    title: { en: 'FIN-WAIT-1 pile-up', 'zh-cn': 'FIN-WAIT-1 堆积排查' },
    description: {
      en: 'Closed sockets waiting for the peer to ACK our FIN: zero window (peer not reading) or FIN never answered',
      'zh-cn': '已关闭的 socket 等不到对端确认 FIN：对端零窗口（不读数据），还是 FIN 根本无人应答',
    },
    orphans: 'yes',
  },
  'fin-wait-2': {
    symptom: 'fin-wait-2',
    title: { en: 'FIN-WAIT-2 here, CLOSE-WAIT on the peer', 'zh-cn': '本机 FIN-WAIT-2、对端 CLOSE-WAIT 排查' },
    description: {
      en: 'Our FIN is ACKed but the peer application never closes; orphans only when the FIN-WAIT-2 timeout is over 60 s, otherwise timewait minisockets',
      'zh-cn': '对端已确认我们的 FIN，但对端应用一直不 close；只有 FIN-WAIT-2 超时超过 60 秒时才是 orphan，默认是 timewait minisock',
    },
    orphans: 'sometimes',
  },
  'last-ack': {
    symptom: 'last-ack',
    title: { en: 'LAST-ACK pile-up', 'zh-cn': 'LAST-ACK 堆积排查' },
    description: {
      en: 'The peer closed first, we closed too, and the final ACK for our FIN never arrives (peer gone, middlebox dropping)',
      'zh-cn': '对端先关、我们随后也关了，我们的 FIN 始终等不到最后一个 ACK（对端已消失或中间设备丢包）',
    },
    orphans: 'yes',
  },
  'close-wait': {
    symptom: 'close-wait',
    title: { en: 'CLOSE-WAIT leak in our application', 'zh-cn': '本机应用 CLOSE-WAIT 泄漏排查' },
    description: {
      en: 'The peer closed and our process never calls close() — NOT orphans: the fd is still open',
      'zh-cn': '对端已关闭，而本机进程一直不调用 close()——这不是 orphan：fd 仍然打开着',
    },
    orphans: 'no',
  },
  'time-wait': {
    symptom: 'time-wait',
    title: { en: 'TIME-WAIT pressure', 'zh-cn': 'TIME-WAIT 压力排查' },
    description: {
      en: 'Many short connections closed actively by this host — NOT orphans: timewait minisockets counted in tw, 60 s each',
      'zh-cn': '本机主动关闭了大量短连接——这不是 orphan：它们是 timewait minisock，计入 tw，每个固定 60 秒',
    },
    orphans: 'no',
  },
};

export function isTemplateSymptom(value: string): value is TemplateSymptom {
  return (TEMPLATE_SYMPTOMS as readonly string[]).includes(value);
}

/** Label and detail for a quick pick item (the label is also the template's H2 title). */
export function describeSymptom(symptom: TemplateSymptom, lang: Lang): { label: string; detail: string } {
  const v = TEMPLATE_VARIANTS[symptom];
  return { label: v.title[lang], detail: v.description[lang] };
}

/** Static snippet prefix: `tcpdiag`, `tcpdiag-fin-wait-1`, …, `tcpdiag-zh`, `tcpdiag-zh-fin-wait-1`, … */
export function snippetPrefix(symptom: TemplateSymptom, lang: Lang): string {
  const base = lang === 'en' ? 'tcpdiag' : 'tcpdiag-zh';
  return symptom === 'general' ? base : `${base}-${symptom}`;
}
