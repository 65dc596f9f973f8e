/**
 * Zone classification: the Markdown context of each recognised mention (prose, heading, table, list, quote,
 * inline code, code block, link text, HTML), the mentions dropped (inside images, autolinks, link
 * destinations, reference definitions, HTML tags), and the quiet spans typo checks skip. Zones are listed in
 * pre-order (outer before inner) by the group parser and the fast paths, in offsets local to a piece's text.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Mention, MentionContext, QuietSpan } from './model';
import type { MutableMention } from './piece';
import type { RawMention } from './recognize';
import { insideSpans } from './codeEvidence';

export type ZoneKind = MentionContext | 'drop' | 'link' | 'html-block';
export interface Zone {
  readonly start: number;
  readonly end: number;
  readonly kind: ZoneKind;
  readonly evidenceIndex?: number;
  /** A code block's lines that list sockets of other protocols only or conntrack entries (codeEvidence.ts CodeEvidence.notTcp): no TCP states there. */
  readonly notTcp?: readonly number[];
}

/** Whether `m` lies inside a tag (`<` … `>` with no `<` or `>` between) of the HTML zone. */
function insideHtmlTag(src: string, zone: Zone, m: RawMention): boolean {
  let lt = src.indexOf('<', zone.start);
  while (lt !== -1 && lt < zone.end && lt <= m.start) {
    // The tag's end: the next `>`, unless another `<` comes first.
    let i = lt + 1;
    while (i < zone.end && src.charCodeAt(i) !== 62 && src.charCodeAt(i) !== 60) i++;
    if (i < zone.end && src.charCodeAt(i) === 62) {
      if (m.start >= lt && m.end <= i + 1) return true;
      lt = src.indexOf('<', i + 1);
    } else lt = i < zone.end ? i : -1;
  }
  return false;
}


/**
 * Mentions found in `src` (local offsets), classified by the pre-order zone list, returned in note offsets
 * (`base` added). One sweep over both sorted lists.
 */
export function classify(raw: readonly RawMention[], zones: readonly Zone[], src: string, base: number): Mention[] {
  const out: Mention[] = [];
  const stack: Zone[] = [];
  let i = 0;
  for (const m of raw) {
    while (i < zones.length && (zones[i]?.start ?? Infinity) <= m.start) {
      const z = zones[i] as Zone;
      while (stack.length && (stack[stack.length - 1] as Zone).end <= z.start) stack.pop();
      stack.push(z);
      i++;
    }
    while (stack.length && (stack[stack.length - 1] as Zone).end <= m.start) stack.pop();
    let context: MentionContext = 'prose';
    let evidenceIndex: number | undefined;
    let keep = true;
    // Innermost zone decides; outer zones only matter when the inner one is neutral.
    for (let k = stack.length - 1; k >= 0; k--) {
      const z = stack[k] as Zone;
      if (m.end > z.end) continue; // straddles the zone end (e.g. spans a link boundary)
      if (z.kind === 'drop' || z.kind === 'link') {
        keep = false;
        break;
      }
      if (z.kind === 'html-block') {
        if (insideHtmlTag(src, z, m)) keep = false;
        else context = 'html';
        break;
      }
      if (z.notTcp && m.kind === 'state' && insideSpans(z.notTcp, m.start, m.end)) keep = false;
      context = z.kind;
      if (z.evidenceIndex !== undefined) evidenceIndex = z.evidenceIndex;
      break;
    }
    if (!keep) continue;
    const o: MutableMention = { start: m.start + base, end: m.end + base, text: m.text, kind: m.kind, id: m.id, context };
    if (m.families) o.families = m.families;
    if (m.states) o.states = m.states;
    if (evidenceIndex !== undefined) o.evidenceIndex = evidenceIndex;
    out.push(o);
  }
  return out;
}

/**
 * The quiet spans of a zone list, in note offsets (`base` added), sorted by start: code blocks, HTML, images,
 * reference definitions and autolinks whole; a link without its text (the destination and title).
 */
export function quietSpans(zones: readonly Zone[], base: number): QuietSpan[] {
  const out: QuietSpan[] = [];
  zones.forEach((z, k) => {
    if (z.kind === 'code-block' || z.kind === 'html-block' || z.kind === 'drop') out.push([z.start + base, z.end + base]);
    else if (z.kind === 'link') {
      // The link's text, when it has one, is the zone right after it (collect pushes them together).
      const text = zones[k + 1];
      if (text?.kind === 'link-text' && text.start >= z.start && text.end <= z.end) out.push([z.start + base, text.start + base], [text.end + base, z.end + base]);
      else out.push([z.start + base, z.end + base]);
    }
  });
  return out.sort((a, b) => a[0] - b[0]);
}
