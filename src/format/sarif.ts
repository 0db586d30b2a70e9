import { pathToFileURL } from 'node:url';
import type { Finding, InputError, Span } from '../types.js';
import { FindingFingerprints, STDIN_NAME } from './location.js';
import { fallbackDescriptor, ruleDescriptor, sarifLevel } from './sarif-rules.js';
import { visibleFindings, type FormatOptions, type Report } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export function formatSarif(report: Report, options: FormatOptions): string {
  return JSON.stringify(buildSarif(report, options), null, 2) + '\n';
}

export function buildSarif(report: Report, options: FormatOptions = { color: false }) {
  const findings = visibleFindings(report, options);
  const descriptors = report.rules.map(ruleDescriptor);
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  for (const f of findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, descriptors.length);
    descriptors.push(fallbackDescriptor(f));
  }
  const fingerprints = new FindingFingerprints(report.sources);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'k8slint',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://github.com/k8slint/k8slint',
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map(notification),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(report.root ?? process.cwd()) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, ruleIndex.get(f.ruleId)!, lineHash(fingerprints, f))),
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number, fingerprint: string) {
  const onStdin = f.file === STDIN_NAME;
  const properties = {
    ...(f.object !== undefined && { object: f.object }),
    ...(f.source !== undefined && { helmSource: f.source }),
    ...(onStdin && { renderedLine: f.span.line }),
  };
  // Unnamed stdin is no file of the repository: the Helm template is the location, at its first
  // line (the lines are those of the rendered output, kept in properties.renderedLine). Without a
  // template the location stays `<stdin>`; name stdin with --stdin-filename for code scanning.
  const primary =
    onStdin && f.source !== undefined
      ? {
          physicalLocation: {
            artifactLocation: artifactLocation(f.source),
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
          },
        }
      : { physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f.span) } };
  const related =
    !onStdin && f.source !== undefined
      ? [
          {
            id: 1,
            physicalLocation: { artifactLocation: artifactLocation(f.source) },
            message: { text: `Helm template this object was rendered from: ${f.source}` },
          },
        ]
      : undefined;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [primary],
    ...(related && { relatedLocations: related }),
    partialFingerprints: { primaryLocationLineHash: fingerprint },
    ...(f.fix && !onStdin && { fixes: [sarifFix(f, f.fix)] }),
    ...(Object.keys(properties).length > 0 && { properties }),
  };
}

/** The finding's fix as SARIF replacements of its file (`properties.safety`: safe or unsafe). */
function sarifFix(f: Finding, fix: NonNullable<Finding['fix']>) {
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(f.file),
        replacements: fix.edits.map((edit) => ({ deletedRegion: region(edit), insertedContent: { text: edit.text } })),
      },
    ],
    properties: { safety: fix.safety },
  };
}

/** SARIF rejects regions that end before they start or use 0-based numbers; a malformed span is clamped. */
function region(span: Span) {
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  const endLine = Math.max(startLine, span.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, span.endColumn) : Math.max(1, span.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function notification(e: InputError) {
  const where =
    e.line !== undefined
      ? { startLine: Math.max(1, e.line), ...(e.column !== undefined && { startColumn: Math.max(1, e.column) }) }
      : undefined;
  return {
    level: 'error' as const,
    message: { text: e.message },
    ...(e.file
      ? { locations: [{ physicalLocation: { artifactLocation: artifactLocation(e.file), ...(where && { region: where }) } }] }
      : {}),
  };
}

function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolutePath(file)) return { uri: pathToFileURL(file).href };
  return { uri: relativeUri(file), uriBaseId: SRCROOT };
}

function isAbsolutePath(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
}

/** Percent-encodes each path segment (RFC 3986), keeping the `/` separators. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** primaryLocationLineHash: GitHub's `<hash>:<occurrence>` shape. */
function lineHash(fingerprints: FindingFingerprints, f: Finding): string {
  const { hash, occurrence } = fingerprints.next(f, 16);
  return `${hash}:${occurrence}`;
}
