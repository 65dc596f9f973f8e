/**
 * The diagram webview's static page and its localised texts. Every text from the note arrives later as data
 * (protocol.ts) and is set with textContent; this page holds no note text.
 */
import * as vscode from 'vscode';
import type { WebviewStrings } from '../../webview/protocol';
import { currentLang } from '../language';
import { diagramCsp, nonceFrom } from '../../core/diagram/csp';

/** A fresh script nonce: 24 bytes from the platform's CSPRNG (the Web Crypto API, in the Node and the web host). */
function nonce(): string {
  return nonceFrom(globalThis.crypto.getRandomValues(new Uint8Array(24)));
}

export function webviewStrings(): WebviewStrings {
  return {
    lock: vscode.l10n.t('Lock to this note'),
    unlock: vscode.l10n.t('Locked — follow active note'),
    scopeNote: vscode.l10n.t('Scope: whole note'),
    scopeSection: vscode.l10n.t('Scope: section at cursor'),
    linux: vscode.l10n.t('Linux extras'),
    zoomIn: vscode.l10n.t('Zoom in'),
    zoomOut: vscode.l10n.t('Zoom out'),
    fit: vscode.l10n.t('Fit'),
    exportSvg: vscode.l10n.t('Export SVG'),
    exportPng: vscode.l10n.t('Export PNG'),
    copySvg: vscode.l10n.t('Copy SVG'),
    highlighted: vscode.l10n.t('states highlighted'),
    noMentions: vscode.l10n.t('The note mentions no TCP state yet.'),
    updated: vscode.l10n.t('Diagram updated'),
    live: vscode.l10n.t('Live'),
  };
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')], retainContextWhenHidden: false };
}

/** The page skeleton: toolbar, live view, canvas; one nonce'd script, styles from media/ only. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', f));
  const n = nonce();
  const csp = diagramCsp(webview.cspSource, n);
  const lang = currentLang() === 'zh-cn' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('panel.css')}">
<link rel="stylesheet" href="${media('diagram.css')}">
<title>TCP State Diagram</title>
</head>
<body>
<header class="toolbar" role="toolbar">
  <button id="btn-lock" type="button" aria-pressed="false"></button>
  <button id="btn-scope" type="button"></button>
  <button id="btn-linux" type="button" aria-pressed="false"></button>
  <button id="btn-live" type="button" aria-pressed="false" hidden></button>
  <span class="spacer"></span>
  <button id="btn-zoom-out" type="button"></button>
  <button id="btn-zoom-in" type="button"></button>
  <button id="btn-fit" type="button"></button>
  <button id="btn-export-svg" type="button"></button>
  <button id="btn-export-png" type="button"></button>
  <button id="btn-copy-svg" type="button"></button>
</header>
<h1 id="title" class="title"></h1>
<section id="live-view" class="live-view" hidden>
  <div class="live-head"><span id="live-status" class="live-status"></span><button id="btn-freeze" type="button"></button></div>
  <div id="live-gauge" class="live-gauge"></div>
  <p id="live-verdict" class="live-verdict"></p>
  <p id="live-problems" class="live-problems" hidden></p>
  <h2 id="live-trends-title" class="live-trends-title"></h2>
  <ul id="live-trends" class="live-trends"></ul>
</section>
<div id="scrubber" class="scrubber" hidden>
  <label id="scrub-label" for="scrub"></label>
  <input id="scrub" type="range" min="0" max="1" step="1" value="0">
  <output id="scrub-value" for="scrub" aria-live="polite"></output>
</div>
<div class="stage">
<main id="canvas" class="canvas"></main>
<aside id="detail" class="detail" aria-labelledby="detail-title" hidden>
  <div class="detail-head"><h2 id="detail-title" class="detail-title"></h2><button id="detail-close" type="button"></button></div>
  <div id="detail-body" class="detail-body" aria-live="polite"></div>
</aside>
</div>
<div id="explain" class="explain" role="tooltip" hidden></div>
<div id="live" class="sr-only" aria-live="polite"></div>
<ul id="state-list" class="sr-only"></ul>
<script nonce="${n}" src="${media('diagram.js')}"></script>
</body>
</html>`;
}
