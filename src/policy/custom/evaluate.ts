import type { CelProgram } from '../../util/cel/index.js';
import { DEFAULT_CEL_COST_LIMIT } from '../../util/cel/index.js';
import type { RuleContext } from '../../engine/rule.js';
import type { ModelNode } from '../../model/node.js';
import type { KNode } from '../../model/k8s.js';
import type { PathStep } from './paths.js';
import { resolvePath, valueAt } from './paths.js';

/** A validation ready to run: its programs and where it points. */
export interface CompiledValidation {
  /** Position in `validations` (named in messages about failed evaluations). */
  index: number;
  program: CelProgram;
  message?: string;
  messageProgram?: CelProgram;
  /** A field path under the root node (Kubernetes object, container or Compose service). */
  path?: PathStep[];
  /** A Dockerfile target (`image`, `arguments`, `keyword`, `flags.<name>`). */
  dockerfileTarget?: string;
  forEachContainer: boolean;
}

/** What a rule needs to report: its id and title (for messages), the rule context and the object named in evaluation failures. */
export interface Reporter {
  ruleId: string;
  title: string;
  ctx: RuleContext;
}

/**
 * Runs one validation with `activation` and reports at `at` when it is false. A failed evaluation
 * (an error, the cost budget, a result that is not a bool) is an info finding at the same place,
 * naming the rule and the subject, so one bad object never stops the run or the rule.
 */
export function runValidation(
  validation: CompiledValidation,
  activation: Readonly<Record<string, unknown>>,
  at: ModelNode,
  subject: string,
  reporter: Reporter,
): void {
  const result = validation.program.evaluate(activation, { costLimit: DEFAULT_CEL_COST_LIMIT });
  if (result.ok && result.value === true) return;
  if (result.ok && result.value === false) {
    reporter.ctx.report({ at, message: messageOf(validation, activation, reporter) });
    return;
  }
  const where = `validations[${validation.index}] of custom rule ${reporter.ruleId} on ${subject}`;
  const problem = result.ok
    ? `the expression gave ${describeValue(result.value)}, not true or false`
    : result.budgetExceeded
      ? `the expression was stopped by the CEL cost budget (${DEFAULT_CEL_COST_LIMIT}): it loops or builds too much; the object was not judged`
      : `the expression failed: ${result.message}`;
  reporter.ctx.report({ at, message: `${where}: ${problem}`, severity: 'info' });
}

function messageOf(validation: CompiledValidation, activation: Readonly<Record<string, unknown>>, reporter: Reporter): string {
  if (validation.messageProgram) {
    const result = validation.messageProgram.evaluate(activation, { costLimit: DEFAULT_CEL_COST_LIMIT });
    if (result.ok && typeof result.value === 'string' && result.value.trim() !== '') return result.value;
  }
  return validation.message ?? reporter.title;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Runs a validation over a root node (object, container or service): once per node its path
 * reaches, with `self` bound to the value there in `rootValue` (the root as the rule judges it: the
 * object after kustomize, or as written), null where it is missing; pointing at that node or, when
 * it is missing in the file, at the deepest node that exists. Without a path: once, at `fallback`.
 */
export function runOnNode(
  validation: CompiledValidation,
  root: KNode,
  rootValue: unknown,
  activation: Record<string, unknown>,
  fallback: ModelNode,
  subject: string,
  reporter: Reporter,
): void {
  if (!validation.path) {
    runValidation(validation, activation, fallback, subject, reporter);
    return;
  }
  for (const target of resolvePath(root, validation.path)) {
    const at = target.found ? pointAt(target.node) : target.node.key();
    runValidation(validation, { ...activation, self: valueAt(rootValue, target.steps) ?? null }, at, subject, reporter);
  }
}

/** A scalar's value; a mapping's or list's key (one line, not the whole block). */
export function pointAt(node: KNode): ModelNode {
  const value = node.value;
  return value !== null && typeof value === 'object' ? node.key() : node.valueOnly();
}
