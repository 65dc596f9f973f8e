/**
 * The note's link reference and footnote definitions, the only state a block leaves for later ones: each
 * group is parsed after a prelude that re-declares the definitions it names. Pure: no `vscode`, no Node built-ins.
 */

/**
 * The note's link reference and footnote definitions. A group is parsed after a prelude that re-declares
 * the definitions it refers to (a reference is a link only when its label is defined somewhere): footnotes
 * first, then links, then an empty HTML comment so nothing of the prelude runs into the group.
 */
export class Definitions {
  static readonly none = new Definitions([]);
  /** Folded label (as micromark compares them) → prelude entry. */
  private readonly byLabel = new Map<string, string>();

  constructor(readonly entries: readonly string[]) {
    for (const e of entries) {
      const footnote = e.startsWith('[^');
      const id = e.slice(footnote ? 2 : 1, e.lastIndexOf(']: '));
      const key = (footnote ? '^' : '') + fold(id);
      if (!this.byLabel.has(key)) this.byLabel.set(key, e);
    }
  }

  get size(): number {
    return this.byLabel.size;
  }

  /** The prelude for the groups [start, end) of `text`: the definitions their bracketed labels name. */
  preludeFor(text: string, groups: readonly { start: number; end: number }[]): string {
    if (this.byLabel.size === 0) return '';
    const labels = new Set<string>();
    for (const g of groups) bracketLabels(text, g.start, g.end, labels);
    const foot: string[] = [];
    const links: string[] = [];
    for (const label of labels) {
      const e = this.byLabel.get(label);
      if (e) (e.startsWith('[^') ? foot : links).push(e);
    }
    if (foot.length + links.length === 0) return '';
    return [...foot, ...links].map((d) => `${d}\n\n`).join('') + '<!---->\n\n';
  }
}

/** A label as micromark compares it: whitespace collapsed, trimmed, case-folded. */
function fold(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase().toLowerCase();
}

/** Every `[…]` of [start, end) that could be a label (no unescaped bracket inside, at most 999 characters), folded. */
function bracketLabels(text: string, start: number, end: number, out: Set<string>): void {
  let open = text.indexOf('[', start);
  while (open !== -1 && open < end) {
    let i = open + 1;
    let close = -1;
    while (i < end && i - open <= 1000) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2; // backslash escape
      else if (c === 91) break; // a new `[`: the label starts there
      else if (c === 93) {
        close = i;
        break;
      } else i++;
    }
    if (close !== -1) {
      out.add(fold(text.slice(open + 1, close)));
      open = text.indexOf('[', close + 1);
    } else open = i < end && text.charCodeAt(i) === 91 ? i : text.indexOf('[', open + 1);
  }
}
