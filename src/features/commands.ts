/** Command ids, declared once and shared by the manifest tests, the hover links and the features. */
export const COMMANDS = {
  showDiagram: 'tcpStateNotes.showDiagram',
  insertTemplate: 'tcpStateNotes.insertDiagnosisTemplate',
  explainState: 'tcpStateNotes.explainState',
} as const;
