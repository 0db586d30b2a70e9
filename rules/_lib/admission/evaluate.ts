import { DEFAULT_CEL_COST_LIMIT } from '../../../src/util/cel/index.js';
import type { ExpressionUses, PolicyExpression } from './expressions.js';
import type { Policy, PolicyVariable } from './policies.js';

/** What an expression gave: a value, an evaluation error, or why the run cannot evaluate it (a clause: `reads …, which …`). */
/** `uncompiled`: the error is a compile error of the expression or of a variable it reads, which admission-policy-invalid reports. */
export type Outcome =
  | { value: unknown }
  | { error: string; budget?: boolean; uncompiled?: boolean }
  /** `variable`: the variable (read directly or not) whose own expression is the one the run cannot evaluate. */
  | { unsupported: string; variable?: PolicyVariable };

/**
 * The evaluation of one policy for one request (one object, one param): the activation the API
 * server builds, and `variables` composited lazily, each computed at most once, in the order the
 * expressions read them.
 */
export class PolicyEvaluation {
  private readonly values = new Map<string, Outcome>();
  private readonly usesCache = new Map<PolicyExpression, ExpressionUses & { variables: Set<string> }>();

  constructor(
    private readonly policy: Pick<Policy, 'variables'>,
    private readonly activation: Record<string, unknown>,
    /** The object is namespaced but its Namespace is not in the run: `namespaceObject` is unknown. */
    private readonly namespaceUnknown: boolean,
  ) {}

  evaluate(expression: PolicyExpression): Outcome {
    const uses = this.usesOf(expression);
    if (uses.unavailable) {
      const variable = expression.uses.unavailable ? undefined : this.variableUnavailable(expression, new Set());
      return { unsupported: uses.unavailable, ...(variable && { variable }) };
    }
    const missing = (what: string): Outcome => ({ unsupported: `reads ${what}, which an offline run does not have` });
    if (uses.authorizer) return missing('the `authorizer` (authorization checks against the cluster)');
    if (uses.userInfo) return missing('`request.userInfo` (who sends the request)');
    if (uses.namespaceObject && this.namespaceUnknown) return missing('`namespaceObject` of a Namespace that is not in the run');
    if (!expression.program) return { error: `does not compile: ${expression.error?.message ?? 'unknown error'}`, uncompiled: true };
    const variables: Record<string, unknown> = {};
    // In policy order, as a variable may read the ones before it.
    for (const variable of this.policy.variables) {
      if (!uses.variables.has(variable.name)) continue;
      const value = this.variable(variable.name);
      if (!('value' in value)) return 'error' in value ? { ...value, error: `variable ${variable.name}: ${value.error}` } : value;
      variables[variable.name] = value.value;
    }
    const result = expression.program.evaluate({ ...this.activation, variables }, { costLimit: DEFAULT_CEL_COST_LIMIT });
    return result.ok ? { value: result.value } : { error: result.message, ...(result.budgetExceeded && { budget: true }) };
  }

  private variable(name: string): Outcome {
    let value = this.values.get(name);
    if (value) return value;
    const variable = this.policy.variables.find((v) => v.name === name);
    // Set first: a variable that reads itself (directly or not) fails instead of recursing.
    this.values.set(name, { error: `variables.${name} reads itself` });
    value = variable ? this.evaluate(variable.expression) : { error: `no variable named ${name}` };
    this.values.set(name, value);
    return value;
  }

  /** The first variable the expression reads (directly or not) whose own expression cannot be evaluated offline. */
  private variableUnavailable(expression: PolicyExpression, seen: Set<string>): PolicyVariable | undefined {
    for (const name of expression.uses.variables) {
      const variable = this.policy.variables.find((v) => v.name === name);
      if (!variable || seen.has(name)) continue;
      seen.add(name);
      if (variable.expression.uses.unavailable) return variable;
      const inner = this.variableUnavailable(variable.expression, seen);
      if (inner) return inner;
    }
    return undefined;
  }

  /** What an expression reads, through the variables it reads. */
  private usesOf(expression: PolicyExpression): ExpressionUses {
    let uses = this.usesCache.get(expression);
    if (uses) return uses;
    uses = { ...expression.uses, variables: new Set(expression.uses.variables) };
    this.usesCache.set(expression, uses);
    for (const name of expression.uses.variables) {
      const variable = this.policy.variables.find((v) => v.name === name);
      if (!variable) continue;
      const inner = this.usesOf(variable.expression);
      uses.authorizer ||= inner.authorizer;
      uses.userInfo ||= inner.userInfo;
      uses.namespaceObject ||= inner.namespaceObject;
      uses.unavailable ??= inner.unavailable;
      for (const v of inner.variables) uses.variables.add(v);
    }
    return uses;
  }
}
