/**
 * SVG for the live view: a sparkline per state and the orphan-pressure gauge. Built from numbers and the
 * extension's own labels only (escaped anyway), with classes instead of inline styles (the webview's CSP
 * forbids inline styles; media/panel.css colours the classes from the theme). Pure and DOM-free: the
 * webview parses the string with DOMParser, the tests read it as text.
 */
import { formatCount as formatNumber } from '../format';
import { formatPercent, type OrphanPressure } from './pressure';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

export interface SparklineOptions {
  readonly width?: number;
  readonly height?: number;
  /** Accessible name (`<title>`). */
  readonly title?: string;
}

/**
 * A polyline over the values (oldest left), scaled between their minimum and maximum so that small changes
 * on a large count stay visible; a flat series is drawn at mid height. The last value gets a dot.
 */
export function sparklineSvg(values: readonly number[], options: SparklineOptions = {}): string {
  const width = options.width ?? 96;
  const height = options.height ?? 20;
  const pad = 2;
  const clean = values.filter((v) => Number.isFinite(v));
  const title = options.title ? `<title>${esc(options.title)}</title>` : '';
  const open = `<svg xmlns="http://www.w3.org/2000/svg" class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${title}`;
  if (clean.length === 0) return `${open}</svg>`;
  const min = Math.min(...clean);
  const max = Math.max(...clean);
  const span = max - min;
  const x = (i: number): number => (clean.length === 1 ? width - pad : pad + (i * (width - 2 * pad)) / (clean.length - 1));
  const y = (v: number): number => (span === 0 ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / span);
  const points = clean.map((v, i) => `${r1(x(i))},${r1(y(v))}`).join(' ');
  const last = clean.length - 1;
  return (
    `${open}<polyline class="spark-line" fill="none" points="${points}"/>` +
    `<circle class="spark-dot" cx="${r1(x(last))}" cy="${r1(y(clean[last] as number))}" r="2"/></svg>`
  );
}

export interface GaugeLabels {
  readonly title: string;
  readonly orphan: string;
  readonly mem: string;
  readonly tw: string;
  readonly unknown: string;
  /** Tick label at tcp_mem[1] ("pressure"). */
  readonly memPressure: string;
}

interface Bar {
  readonly label: string;
  readonly value: number | undefined;
  readonly max: number | undefined;
  /** Level class of the fill. */
  readonly level: string;
  /** Ticks as fractions of max, with their labels. */
  readonly ticks: readonly { readonly at: number; readonly label: string }[];
}

/**
 * Three bars: sockstat `orphan` against tcp_max_orphans with ticks at ¼ and ½ (where the kernel's shift
 * penalty already kills orphans), `mem` against tcp_mem[2] with a tick at tcp_mem[1] (pressure), and `tw`
 * against tcp_max_tw_buckets. A bar whose numbers are unknown is drawn empty with the "unknown" label.
 */
export function pressureGaugeSvg(p: OrphanPressure, labels: GaugeLabels): string {
  const bars: Bar[] = [
    {
      label: labels.orphan,
      value: p.orphan,
      max: p.maxOrphans,
      level: p.level,
      ticks: [
        { at: 0.25, label: '¼' },
        { at: 0.5, label: '½' },
      ],
    },
    {
      label: labels.mem,
      value: p.mem,
      max: p.tcpMem?.[2],
      level: p.memLevel,
      ticks: p.tcpMem && p.tcpMem[2] > 0 ? [{ at: p.tcpMem[1] / p.tcpMem[2], label: labels.memPressure }] : [],
    },
    { label: labels.tw, value: p.tw, max: p.maxTw, level: p.twLevel === 'full' ? 'over' : p.twLevel === 'ok' ? 'low' : 'unknown', ticks: [] },
  ];
  const width = 470;
  const labelW = 64;
  const barX = labelW;
  const barW = 200;
  const textX = barX + barW + 8;
  const rowH = 30;
  const top = 22;
  const height = top + rowH * bars.length + 2;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="gauge" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${esc(labels.title)}</title>`,
    `<text class="gauge-title" x="0" y="14">${esc(labels.title)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const known = b.value !== undefined && b.max !== undefined;
    const ratio = known && (b.max as number) > 0 ? Math.min(1, (b.value as number) / (b.max as number)) : known ? 1 : 0;
    out.push(`<g class="gauge-row level-${esc(b.level)}" data-gauge="${i}">`);
    out.push(`<text class="gauge-label" x="0" y="${y + 13}">${esc(b.label)}</text>`);
    out.push(`<rect class="gauge-track" x="${barX}" y="${y + 3}" width="${barW}" height="12" rx="2"/>`);
    if (ratio > 0) out.push(`<rect class="gauge-fill" x="${barX}" y="${y + 3}" width="${r1(Math.max(2, ratio * barW))}" height="12" rx="2"/>`);
    for (const t of b.ticks) {
      if (!(t.at > 0 && t.at < 1)) continue;
      const tx = r1(barX + t.at * barW);
      out.push(`<line class="gauge-tick" x1="${tx}" y1="${y}" x2="${tx}" y2="${y + 18}"/>`);
      out.push(`<text class="gauge-tick-label" x="${tx}" y="${y + 25}" text-anchor="middle">${esc(t.label)}</text>`);
    }
    const text = known
      ? `${formatNumber(b.value as number)} / ${formatNumber(b.max as number)}${(b.max as number) > 0 ? ` · ${formatPercent((b.value as number) / (b.max as number))}` : ''}`
      : labels.unknown;
    out.push(`<text class="gauge-value" x="${textX}" y="${y + 13}">${esc(text)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
