/** Command ids, declared once and shared by the hover links and the features. */
export const COMMANDS = {
  showDiagram: 'tcpStateNotes.showDiagram',
  toggleDiagramLock: 'tcpStateNotes.toggleDiagramLock',
  exportDiagramSvg: 'tcpStateNotes.exportDiagramSvg',
  exportDiagramPng: 'tcpStateNotes.exportDiagramPng',
  insertTemplate: 'tcpStateNotes.insertDiagnosisTemplate',
  explainState: 'tcpStateNotes.explainState',
  /** Opens the explanation of a misconception rule (code action of its diagnostic; not in the palette). */
  explainMisconception: 'tcpStateNotes.explainMisconception',
  diagramInfo: 'tcpStateNotes.diagramInfo',
  nextMention: 'tcpStateNotes.nextMention',
  previousMention: 'tcpStateNotes.previousMention',
  diagnosticsInfo: 'tcpStateNotes.diagnosticsInfo',
  captureSnapshot: 'tcpStateNotes.captureSnapshot',
  toggleLive: 'tcpStateNotes.toggleLive',
  freezeLiveSnapshot: 'tcpStateNotes.freezeLiveSnapshot',
} as const;
