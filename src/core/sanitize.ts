/**
 * Invisible characters removed from note text before it is shown as a title or heading (the exported SVG's
 * `<title>` and heading, the diagram title): bidirectional embeddings, overrides and isolates (U+202A–202E,
 * U+2066–2069, the "Trojan Source" controls), the Arabic letter mark (U+061C), zero-width spaces, joiners and
 * marks (U+200B–200F), the word joiner and invisible operators (U+2060–2064), deprecated format controls
 * (U+206A–206F), the byte-order mark (U+FEFF), the soft hyphen (U+00AD), the Mongolian vowel separator
 * (U+180E), interlinear annotation controls (U+FFF9–FFFB) and tag characters (U+E0000–E007F). They change
 * what a reader sees (reordering or hiding text) without being visible themselves.
 *
 * Pure: no `vscode`, no Node built-ins. Linear (one character class, no backtracking).
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/** `text` without the invisible and bidirectional control characters listed above. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
