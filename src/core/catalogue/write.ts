/**
 * What the catalogue's data files write their texts with: a localized string, a fact with its source key, the
 * units of values and the sysctl command of a key. Pure: no `vscode`, no Node built-ins.
 */
import type { Fact, Localized } from './types';

export const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });
export const F = (en: string, zh: string, source: string): Fact => ({ text: L(en, zh), source });

export const U_SOCKETS = L('sockets', '个 socket');
export const U_SECONDS = L('seconds', '秒');
export const U_MS = L('milliseconds', '毫秒');
export const U_RETRIES = L('retransmissions', '重传次数');
export const U_PAGES = L('pages (usually 4 KiB; check `getconf PAGESIZE`)', '页（通常 4 KiB，用 `getconf PAGESIZE` 确认）');
export const U_EVENTS = L('events since boot (cumulative)', '开机以来累计的事件次数');

/** `sysctl net.ipv4.<name>`. */
export const sysctlCmd = (name: string): string => `sysctl net.ipv4.${name}`;
