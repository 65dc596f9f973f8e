/** Command ids, declared once and shared by the hover links and the features. */
export const COMMANDS = {
  showDiagram: 'tcpStateNotes.showDiagram',
  toggleDiagramLock: 'tcpStateNotes.toggleDiagramLock',
  exportDiagramSvg: 'tcpStateNotes.exportDiagramSvg',
  exportDiagramPng: 'tcpStateNotes.exportDiagramPng',
  /** Internal (not in the manifest): the panel's Copy SVG and Scope buttons, for keybindings and tests. */
  copyDiagramSvg: 'tcpStateNotes.copyDiagramSvg',
  setDiagramScope: 'tcpStateNotes.setDiagramScope',
  insertTemplate: 'tcpStateNotes.insertDiagnosisTemplate',
  explainState: 'tcpStateNotes.explainState',
  /** Opens the explanation of a misconception rule (code action of its diagnostic; not in the palette). */
  explainMisconception: 'tcpStateNotes.explainMisconception',
  diagramInfo: 'tcpStateNotes.diagramInfo',
  nextMention: 'tcpStateNotes.nextMention',
  previousMention: 'tcpStateNotes.previousMention',
  diagnosticsInfo: 'tcpStateNotes.diagnosticsInfo',
  /** Tests only: what a language-model tool's prepareInvocation answers (its progress message, its confirmation). */
  toolInvocationInfo: 'tcpStateNotes.toolInvocationInfo',
  captureSnapshot: 'tcpStateNotes.captureSnapshot',
  toggleLive: 'tcpStateNotes.toggleLive',
  freezeLiveSnapshot: 'tcpStateNotes.freezeLiveSnapshot',
  copyDiagramMermaid: 'tcpStateNotes.copyDiagramMermaid',
  insertDiagramMermaid: 'tcpStateNotes.insertDiagramMermaid',
  saveDiagramBesideNote: 'tcpStateNotes.saveDiagramBesideNote',
  /** Internal: the diagram's detail pane (select a state, null closes) and timeline scrubber (−1 = whole note). */
  selectDiagramState: 'tcpStateNotes.selectDiagramState',
  selectDiagramSample: 'tcpStateNotes.selectDiagramSample',
} as const;
