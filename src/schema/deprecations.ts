import { join } from 'node:path';
import { packageRoot, readJson } from './paths.js';
import { compareVersions } from './versions.js';

export interface DeprecationEntry {
  apiVersion: string;
  kind: string;
  component: string;
  deprecatedIn: string | null;
  removedIn: string | null;
  removalPlanned?: boolean;
  replacement: string | null;
  replacementKind?: string;
  replacementAvailableIn: string | null;
  notes?: string;
}

let table: Map<string, DeprecationEntry> | undefined;

/** schemas/deprecations.json by `apiVersion\u0000kind`. */
export function deprecations(): Map<string, DeprecationEntry> {
  if (table) return table;
  const data = readJson<{ entries: DeprecationEntry[] }>(join(packageRoot(), 'schemas', 'deprecations.json'));
  table = new Map(data.entries.map((e) => [`${e.apiVersion}\u0000${e.kind}`, e]));
  return table;
}

export interface ApiVerdict {
  status: 'removed' | 'deprecated';
  entry: DeprecationEntry;
  message: string;
}

const COMPONENT_NAMES: Record<string, string> = { k8s: 'Kubernetes', 'cert-manager': 'cert-manager', istio: 'Istio' };

/**
 * How an (apiVersion, kind) stands in the target Kubernetes version. Kubernetes entries: removed
 * at or before the target → removed; deprecated at or before it → deprecated; otherwise nothing.
 * Add-on entries (cert-manager, Istio) have their own release numbers, unknown here: a removed
 * add-on API is reported as deprecated (a warning), whatever the target.
 */
export function judgeApi(apiVersion: string, kind: string, target: string): ApiVerdict | undefined {
  const entry = deprecations().get(`${apiVersion}\u0000${kind}`);
  if (!entry) return undefined;
  const component = COMPONENT_NAMES[entry.component] ?? entry.component;
  const use = replacementFor(entry, target);
  const subject = `${apiVersion} ${kind}`;
  if (entry.component !== 'k8s') {
    if (entry.removedIn) return { status: 'deprecated', entry, message: `${subject} was removed in ${component} ${entry.removedIn}${use}` };
    if (entry.deprecatedIn)
      return { status: 'deprecated', entry, message: `${subject} is deprecated since ${component} ${entry.deprecatedIn}${use}` };
    return undefined;
  }
  if (entry.removedIn && compareVersions(entry.removedIn, target) <= 0) {
    return { status: 'removed', entry, message: `${subject} was removed in Kubernetes ${entry.removedIn}${use}` };
  }
  if (entry.deprecatedIn && compareVersions(entry.deprecatedIn, target) <= 0) {
    const removal = entry.removedIn ? `; it is ${entry.removalPlanned ? 'planned to be removed' : 'removed'} in ${entry.removedIn}` : '';
    return { status: 'deprecated', entry, message: `${subject} is deprecated since Kubernetes ${entry.deprecatedIn}${removal}${use}` };
  }
  return undefined;
}

/** `; use apps/v1` — following replacements that are themselves removed in the target. */
function replacementFor(entry: DeprecationEntry, target: string): string {
  let current = entry;
  const seen = new Set<DeprecationEntry>([entry]);
  for (;;) {
    if (!current.replacement) return '; there is no replacement API';
    const kind = current.replacementKind ?? current.kind;
    const next = deprecations().get(`${current.replacement}\u0000${kind}`);
    if (next && !seen.has(next) && next.component === 'k8s' && next.removedIn && compareVersions(next.removedIn, target) <= 0) {
      seen.add(next);
      current = next;
      continue;
    }
    return `; use ${current.replacement}${kind !== entry.kind ? ` ${kind}` : ''}`;
  }
}
