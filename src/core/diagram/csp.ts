/**
 * The diagram webview's Content Security Policy and its script nonce. Pure: no `vscode`, no Node built-ins; the
 * random bytes are given (the shell takes them from `crypto.getRandomValues`, in both hosts).
 */

/** A nonce from random bytes: base64url of at least 16 bytes (128 bits). */
export function nonceFrom(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new Error('a nonce needs at least 16 random bytes');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (const b of bytes) out += alphabet.charAt(b & 63) + alphabet.charAt(b >> 6);
  return out;
}

/**
 * Nothing by default; images, styles and fonts from the extension's media only (images also as blob:/data: for
 * the PNG export); the one script with the nonce; no `<base>` to re-root relative URLs, no form to post anywhere.
 */
export function diagramCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} blob: data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
