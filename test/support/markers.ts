/**
 * Cursor-marker fixtures: `«…»` marks the exact ranges a test expects, `$$CURSOR$$` a position.
 * `marked('in «FIN_WAIT1» state')` → { text: 'in FIN_WAIT1 state', ranges: [[3, 12]] }.
 */
export function marked(source: string): { text: string; ranges: [number, number][]; cursor: number } {
  let text = '';
  const ranges: [number, number][] = [];
  let open = -1;
  let cursor = -1;
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('$$CURSOR$$', i)) {
      cursor = text.length;
      i += '$$CURSOR$$'.length - 1;
      continue;
    }
    const c = source[i] as string;
    if (c === '«') open = text.length;
    else if (c === '»') {
      ranges.push([open, text.length]);
      open = -1;
    } else text += c;
  }
  return { text, ranges, cursor };
}
