// The banner and footer of the extension bundles that let the same bundle run as the analysis worker (so the
// .vsix carries one copy of the core, not two). Plain JavaScript, no note content, no eval.
//
// In a worker started by features/analysisWorker.ts — a Web Worker (importScripts exists, no CommonJS `module`:
// the web extension host itself always passes one) or a Node worker thread with workerData.tsnAnalysisWorker —
// the banner gives the bundle a stand-in for the `vscode` module (any property, call or `new` yields another
// stand-in; nothing of it runs: activate() is never called there) and, in a Web Worker, CommonJS globals. The
// footer then serves analysis requests (src/workerMain.ts). Anywhere else both do nothing.
export const WORKER_BANNER = `"use strict";
(function () {
  var g = globalThis;
  var web = typeof importScripts === 'function' && typeof module === 'undefined';
  var p = g.process;
  var threads = !web && p && typeof p.getBuiltinModule === 'function' ? p.getBuiltinModule('worker_threads') : undefined;
  var node = !!(threads && !threads.isMainThread && threads.workerData && threads.workerData.tsnAnalysisWorker);
  if (!web && !node) return;
  g.__tsnAnalysisWorker = true;
  var proto;
  var handler = {
    get: function (t, k) { return k === 'then' ? undefined : k === Symbol.toPrimitive ? function () { return ''; } : make(); },
    apply: function () { return make(); },
    construct: function () { return make(); },
    getPrototypeOf: function () { return proto; },
  };
  function make() { return new Proxy(function () {}, handler); }
  proto = new Proxy({}, { get: function (t, k) { return k === 'then' ? undefined : make(); } });
  var standIn = make();
  if (web) {
    g.module = { exports: {} };
    g.exports = g.module.exports;
    g.require = function (id) {
      if (id === 'vscode') return standIn;
      throw new Error('analysis worker: no module ' + id);
    };
  } else {
    var M = p.getBuiltinModule('module');
    var load = M._load;
    M._load = function (request) { return request === 'vscode' ? standIn : load.apply(this, arguments); };
  }
})();`;

export const WORKER_FOOTER = `if (globalThis.__tsnAnalysisWorker) module.exports.serveAnalysisWorker();`;

/**
 * The Node shell's footer (dist/node/extension.js, scripts/lazySplit.mjs): started as the analysis worker, it loads
 * the complete bundle beside it, whose footer serves.
 */
export const WORKER_SHELL_FOOTER = `if (globalThis.__tsnAnalysisWorker) require('../web/extension.js');`;
