import type { RuleContext, Located } from '../engine/rule.js';
import type { KNode, K8sObject } from '../model/k8s.js';
import type { PathKey } from '../parsers/yaml.js';
import type { SchemaRuleId } from './issues.js';

/** The node at `path` under the object (or its deepest existing ancestor). */
export function nodeAt(object: K8sObject, path: readonly PathKey[]): KNode {
  return object.node.nearest(path);
}

/** A key node as a report target: same document and path as the node, the span of its key. */
export function keyOf(node: KNode): Located & Pick<KNode, 'file' | 'doc' | 'path'> {
  return {
    file: node.file,
    doc: node.doc,
    path: node.path,
    sourceFile: node.sourceFile,
    get span() {
      return typeof node.path[node.path.length - 1] === 'string' ? node.keySpan : node.span;
    },
  };
}

/** A value node as a report target, with the span of the value alone. */
export function valueOf(node: KNode): Located & Pick<KNode, 'file' | 'doc' | 'path'> {
  return {
    file: node.file,
    doc: node.doc,
    path: node.path,
    sourceFile: node.sourceFile,
    get span() {
      return node.valueSpan;
    },
  };
}

/** Reports the schema issues of one kind (one rule) for an object. */
export function reportSchemaIssues(object: K8sObject, ctx: RuleContext, rule: SchemaRuleId): void {
  if (rule === 'schema-required-field' && (object.partial || ctx.schemas.isKustomizeInput(object.file.source.displayPath))) return;
  const issues = ctx.schemas.issues(object);
  if (!issues) return;
  for (const issue of issues) {
    if (issue.rule !== rule) continue;
    if (issue.at === 'missing') {
      const parent = nodeAt(object, issue.path);
      ctx.reportMissing(parent, [issue.field!], issue.message);
    } else if (issue.at === 'key') {
      ctx.report({ at: keyOf(nodeAt(object, issue.path)), message: issue.message });
    } else {
      ctx.report({ at: valueOf(nodeAt(object, issue.path)), message: issue.message });
    }
  }
}

