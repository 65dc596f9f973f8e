/**
 * The one number formatter: 1234567 → "1,234,567". No Intl, so the hover, the diagram, the webview, the
 * code lens and the CLI print the same digits everywhere. Imports nothing (the webview bundle uses it).
 */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
