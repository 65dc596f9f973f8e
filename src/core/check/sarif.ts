/**
 * `check --format sarif`: the findings of several notes as one SARIF 2.1.0 log (OASIS Static Analysis Results
 * Interchange Format), the file CI systems read to show findings inline on a pull request. One run, one tool
 * driver with the rules that fired (plus the typo rule, always), one result per finding with a 1-based region in
 * UTF-16 columns, artifact URIs relative to `%SRCROOT%` (the working directory) when the file lies below it, and
 * an unsuccessful invocation with one notification per file that could not be read.
 * Pure: no `vscode`, no Node built-ins (the CLI resolves paths and passes URIs in).
 */
import type { Lang } from '../catalogue/types';
import { CHECK_TEXT, TYPO_RULE, type Finding } from './findings';
import { misconceptionRuleText } from './misconceptions';

export interface SarifArtifact {
  /** A URI reference: relative (to `%SRCROOT%`, forward slashes, percent-encoded) or an absolute `file:` URI. */
  readonly uri: string;
  /** `%SRCROOT%` for relative URIs; absent for absolute ones. */
  readonly uriBaseId?: string;
}

export interface SarifFileResult {
  readonly artifact: SarifArtifact;
  readonly findings: readonly Finding[];
}

export interface SarifFileError {
  readonly artifact: SarifArtifact;
  readonly message: string;
}

export interface SarifInput {
  readonly toolVersion: string;
  /** `file:` URI of the working directory, ending in `/`: what `%SRCROOT%` stands for. */
  readonly srcRoot: string;
  readonly files: readonly SarifFileResult[];
  readonly errors?: readonly SarifFileError[];
  readonly lang?: Lang;
}

/** A relative POSIX path as a URI reference: each segment percent-encoded, `/` kept. */
export function relativePathToUri(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** Both kinds are Information diagnostics in the extension: SARIF's `note`. */
const LEVEL = { typo: 'note', misconception: 'note' } as const;

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
}

function ruleName(id: string): string {
  return id.replace(/(^|[-_])([a-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase());
}

export function buildSarif(input: SarifInput): object {
  const lang = input.lang ?? 'en';
  const rules: Rule[] = [
    {
      id: TYPO_RULE,
      name: ruleName(TYPO_RULE),
      shortDescription: { text: lang === 'en' ? 'Look-alike of a TCP state name' : '形似 TCP 状态名的拼写错误' },
      fullDescription: { text: CHECK_TEXT.typoRule[lang] },
      helpUri: 'https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2',
      defaultConfiguration: { level: LEVEL.typo },
    },
  ];
  const index = new Map<string, number>([[TYPO_RULE, 0]]);
  const ruleIndex = (f: Finding): number => {
    let i = index.get(f.rule);
    if (i === undefined) {
      i = rules.length;
      index.set(f.rule, i);
      const text = f.kind === 'misconception' ? misconceptionRuleText(f.rule, lang) : undefined;
      rules.push({
        id: f.rule,
        name: ruleName(f.rule),
        shortDescription: { text: text?.claim ?? f.message },
        ...(text ? { fullDescription: { text: text.fact } } : {}),
        ...(f.source ? { helpUri: f.source } : {}),
        defaultConfiguration: { level: LEVEL[f.kind] },
      });
    }
    return i;
  };
  const results = input.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ruleIndex(f),
      kind: 'fail',
      level: LEVEL[f.kind],
      message: { text: f.source ? `${f.message} (${f.source})` : f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { ...file.artifact },
            region: { startLine: f.line + 1, startColumn: f.character + 1, endLine: f.line + 1, endColumn: f.character + f.length + 1 },
          },
        },
      ],
      properties: { findingKind: f.kind },
    })),
  );
  const errors = input.errors ?? [];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tcp-state-notes', version: input.toolVersion, semanticVersion: input.toolVersion, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: input.srcRoot } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            ...(errors.length
              ? {
                  toolExecutionNotifications: errors.map((e) => ({
                    level: 'error',
                    message: { text: e.message },
                    locations: [{ physicalLocation: { artifactLocation: { ...e.artifact } } }],
                  })),
                }
              : {}),
          },
        ],
        results,
      },
    ],
  };
}
