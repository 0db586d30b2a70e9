import type { FixProposal, RuleContext } from '../engine/rule.js';
import { replaceNode, scalar, yamlSet } from '../model/edits.js';
import { isMapping } from '../model/k8s.js';
import type { KNode, K8sObject } from '../model/k8s.js';
import type { PathKey } from '../parsers/yaml.js';
import type { SchemaIssueKind } from './issues.js';
import type { ComposeModel } from '../model/compose.js';
import { composeSchemaIssues } from './compose.js';

/** The node at `path` under the object (or its deepest existing ancestor). */
export function nodeAt(object: K8sObject, path: readonly PathKey[]): KNode {
  return object.node.nearest(path);
}

/** Reports the object's schema issues of one kind, each at its node (for a missing field: the deepest part of the path that exists). */
export function reportSchemaIssues(object: K8sObject, ctx: RuleContext, kind: SchemaIssueKind): void {
  const issues = ctx.schemas.issues(object);
  if (!issues) return;
  for (const issue of issues) {
    if (issue.kind !== kind) continue;
    if (issue.at === 'missing') {
      ctx.reportMissing(nodeAt(object, issue.path), issue.field === undefined ? [] : [issue.field], issue.message);
    } else if (issue.at === 'key') {
      const node = nodeAt(object, issue.path);
      const fix = issue.suggestion !== undefined ? renameKeyFix(object, issue.path, issue.suggestion) : undefined;
      ctx.report({ at: node.key(), message: issue.message, ...(fix && { fix }) });
    } else {
      const node = nodeAt(object, issue.path);
      const fix: FixProposal | undefined =
        issue.suggestion !== undefined && issue.kind === 'enum' && typeof node.value === 'string'
          ? { safety: 'unsafe', description: `write ${issue.suggestion}`, edits: [replaceNode(node.valueOnly(), scalar(issue.suggestion))] }
          : undefined;
      ctx.report({ at: node.valueOnly(), message: issue.message, ...(fix && { fix }) });
    }
  }
}

/**
 * Renames a misspelt key to the known one it is closest to; unsafe, as a guess. Not when the
 * mapping already has that key (the rename would make a duplicate).
 */
function renameKeyFix(object: K8sObject, path: readonly PathKey[], suggestion: string): FixProposal | undefined {
  const parent = object.node.at(...path.slice(0, -1));
  const node = object.node.at(...path);
  if (!parent || !node || !isMapping(parent.value) || Object.prototype.hasOwnProperty.call(parent.value, suggestion)) return undefined;
  return { safety: 'unsafe', description: `rename to ${suggestion}`, edits: [replaceNode(node.key(), scalar(suggestion))] };
}

/** Reports a Compose file's schema issues of one kind; nodes under a service belong to that service. */
export function reportComposeSchemaIssues(model: ComposeModel, ctx: RuleContext, kind: SchemaIssueKind): void {
  const issues = composeSchemaIssues(model);
  for (const issue of issues) {
    if (issue.kind !== kind) continue;
    const [first, name, ...rest] = issue.path;
    const service = first === 'services' && typeof name === 'string' ? model.services.find((s) => s.name === name) : undefined;
    const base = service ? service.node.nearest(rest) : model.root?.nearest(issue.path);
    if (!base) {
      ctx.report({ at: model.start, message: issue.message });
      continue;
    }
    if (issue.at === 'missing')
      ctx.reportMissing(base, issue.field === undefined ? [] : [issue.field], issue.message, gpuCapabilitiesFix(base, issue.field));
    else if (issue.at === 'key' && base.path.length > 0) ctx.report({ at: base.key(), message: issue.message });
    else ctx.report({ at: base.path.length > 0 ? base.valueOnly() : base, message: issue.message });
  }
}

/**
 * The short GPU reservation (`devices: [{driver: nvidia, count: 1}]`) lacks the `capabilities`
 * Compose requires: `[gpu]` is what it means. Safe: the file is rejected without it.
 */
function gpuCapabilitiesFix(device: KNode, field: string | undefined): FixProposal | undefined {
  if (field !== 'capabilities' || !device.path.includes('devices') || !isMapping(device.value)) return undefined;
  const value = device.value;
  if (value.driver !== 'nvidia' && value.count === undefined && value.device_ids === undefined) return undefined;
  const edit = yamlSet(device, ['capabilities'], ['gpu']);
  return edit && { safety: 'safe', description: 'add capabilities: [gpu]', edits: [edit] };
}
