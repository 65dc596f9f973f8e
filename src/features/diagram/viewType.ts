/**
 * The diagram panel's webview view type (the manifest's and the serializer's): a module of its own so that
 * activate() registers the serializer without loading the panel's code (scripts/lazySplit.mjs LAZY_FEATURES).
 */
export const DIAGRAM_VIEW_TYPE = 'tcpStateNotes.stateDiagram';
