/**
 * The one number formatter: 1234567 → "1,234,567". No Intl, so the hover, the diagram, the webview, the
 * code lens and the CLI print the same digits everywhere. Imports nothing (the webview bundle uses it).
 */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A number as the report shows rates and minutes: digits grouped, up to two decimals kept (-1383.95 → "-1,383.95"). */
export function formatDecimal(n: number): string {
  const r = Math.round(n * 100) / 100;
  const [whole, frac] = String(Math.abs(r)).split('.');
  return `${r < 0 ? '-' : ''}${(whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
}
