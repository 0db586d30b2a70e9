import { pushAll } from '../util/arrays.js';
import { createHash } from 'node:crypto';
import type { Finding, InputError, Severity } from '../types.js';
import { FindingFingerprints, repositoryPath, STDIN_NAME } from './location.js';
import { visibleFindings, type FormatOptions, type Report } from './types.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** error → major (critical for security rules), warning → minor, info → info. */
export function gitlabSeverity(f: Pick<Finding, 'severity' | 'category'>): GitlabSeverity {
  const map: Record<Severity, GitlabSeverity> = { error: 'major', warning: 'minor', info: 'info' };
  return f.severity === 'error' && f.category === 'security' ? 'critical' : map[f.severity];
}

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: GitlabSeverity;
  location: { path: string; lines: { begin: number; end?: number } };
  categories?: string[];
}

/**
 * GitLab code quality report (a Code Climate subset): a JSON array of issues for
 * `artifacts: reports: codequality`. Findings on unnamed stdin are attached to their Helm
 * `# Source:` template, or to `<stdin>` when there is none.
 */
export function formatGitlab(report: Report, options: FormatOptions): string {
  const fingerprints = new FindingFingerprints(report.sources);
  const issues: CodeQualityIssue[] = visibleFindings(report, options).map((f) => {
    const path = repositoryPath(f) ?? STDIN_NAME;
    const onTemplate = path !== f.file;
    return {
      description: `${f.message}${f.source && !onTemplate ? ` (from ${f.source})` : ''}`,
      check_name: f.ruleId,
      fingerprint: fingerprints.opaque(f),
      severity: gitlabSeverity(f),
      // Lines of rendered output mean nothing in the template: point at its first line.
      location: { path, lines: onTemplate ? { begin: 1 } : { begin: f.span.line, end: f.span.endLine } },
      categories: [codeClimateCategory(f.category)],
    };
  });
  pushAll(issues, report.errors.map(errorIssue));
  return JSON.stringify(issues, null, 2) + '\n';
}

function errorIssue(e: InputError): CodeQualityIssue {
  return {
    description: e.message,
    check_name: 'input-error',
    fingerprint: createHash('sha256')
      .update(['input-error', e.file, e.line ?? '', e.message].join('\0'))
      .digest('hex')
      .slice(0, 32),
    severity: 'major',
    location: { path: e.file || STDIN_NAME, lines: { begin: Math.max(1, e.line ?? 1) } },
    categories: ['Bug Risk'],
  };
}

/** Code Climate's category names, which GitLab shows. */
function codeClimateCategory(category: string): string {
  switch (category) {
    case 'security':
      return 'Security';
    case 'efficiency':
      return 'Performance';
    case 'dockerfile':
      return 'Style';
    default:
      return 'Bug Risk';
  }
}
