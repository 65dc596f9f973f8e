/**
 * Regular-expression sources built from word lists as tries: one path per prefix, so the engine never re-reads
 * a character for another alternative (linear; test/unit/redos.test.ts checks the patterns built from them).
 * Pure: no `vscode`, no Node built-ins.
 */

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface TrieNode {
  end: boolean;
  readonly kids: Map<string, TrieNode>;
}

function trieOf(words: readonly string[]): TrieNode {
  const root: TrieNode = { end: false, kids: new Map() };
  for (const w of words) {
    let n = root;
    for (const c of w) {
      let k = n.kids.get(c);
      if (!k) {
        k = { end: false, kids: new Map() };
        n.kids.set(c, k);
      }
      n = k;
    }
    n.end = true;
  }
  return root;
}

const byChar = ([a]: [string, TrieNode], [b]: [string, TrieNode]): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A regular expression source matching exactly `words`, factored as a trie (`TCP(?:Abort(?:OnMemory|…)|…)`).
 * Optional tails are greedy, so the longest word wins, as a longest-first alternation would.
 */
export function trieSource(words: readonly string[]): string {
  const emit = (n: TrieNode): string => {
    const alts = [...n.kids].sort(byChar).map(([c, k]) => {
      let s = escapeRegExp(c);
      let m = k;
      while (!m.end && m.kids.size === 1) {
        const [c2, k2] = [...m.kids][0] as [string, TrieNode];
        s += escapeRegExp(c2);
        m = k2;
      }
      return s + emit(m);
    });
    if (alts.length === 0) return '';
    const body = alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
    return n.end ? `(?:${body})?` : body;
  };
  return emit(trieOf(words));
}

/**
 * A source matching the shortest prefix of the text that is one of `words`, with `between` (a pattern that
 * shares no character with the words) allowed between any two of their characters. Stops at the first complete
 * word: a prefilter needs where a candidate starts, not how far it goes.
 */
export function prefixTrieSource(words: readonly string[], between: string): string {
  const emit = (n: TrieNode): string => {
    if (n.end) return '';
    const alts = [...n.kids].sort(byChar).map(([c, k]) => {
      const rest = emit(k);
      return rest ? `${escapeRegExp(c)}${between}${rest}` : escapeRegExp(c);
    });
    return alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
  };
  return emit(trieOf(words));
}
