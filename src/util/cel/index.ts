/**
 * CEL (Common Expression Language) for custom rules and ValidatingAdmissionPolicy checks: compile an
 * expression over named, dynamically typed variables, then evaluate it on JSON-like values within a
 * cost budget. Nothing here throws. The CEL library is loaded on the first `compileCel` call, so runs
 * that use no CEL never load it. Language subset, value mapping and functions: docs/cel.md.
 */
import { BudgetExceeded, withBudget } from './budget.js';
import { environmentFor, MAX_EXPRESSION_LENGTH } from './engine.js';
import { celLibrary } from './library.js';
import { instrument, type AstNode, type Evaluator } from './intercept.js';
import { literalRegexError } from './literal-regex.js';
import { fromCel, toCel, type OptionalLike } from './values.js';

export interface CelCompileError {
  message: string;
  /** 0-based character offset inside the expression */
  offset: number;
}
export type CelCompileResult = { ok: true; program: CelProgram } | { ok: false; error: CelCompileError };
export interface CelEvalOptions {
  /** cost units this evaluation may spend; default DEFAULT_CEL_COST_LIMIT */
  costLimit?: number;
}
export type CelEvalResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      message: string;
      budgetExceeded: boolean;
      /** 0-based character offset inside the expression of the node that failed, when known. */
      offset?: number;
    };
export interface CelProgram {
  readonly source: string;
  evaluate(activation: Readonly<Record<string, unknown>>, options?: CelEvalOptions): CelEvalResult;
}

/** Cost units one evaluation may spend by default: half a million evaluation steps, a few hundred milliseconds at worst (docs/cel.md). */
export const DEFAULT_CEL_COST_LIMIT = 500_000;

export { MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_DEPTH } from './engine.js';

/**
 * The expression runs wrapped in `dyn(…)`, so that its own root is evaluated through the budgeted
 * evaluator like every other node; the newlines keep a trailing `//` comment from hiding the `)`.
 */
const WRAP_PREFIX = 'dyn(\n';
const WRAP_SUFFIX = '\n)';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** CEL's reserved words and literals, which cannot name a variable. */
const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

interface CelErrorLike {
  summary?: unknown;
  range?: { start?: unknown };
  message?: unknown;
}

function errorParts(error: unknown, shift = 0): { message: string; offset: number | undefined } {
  const like = (typeof error === 'object' && error !== null ? error : {}) as CelErrorLike;
  const message = typeof like.summary === 'string' ? like.summary : error instanceof Error ? error.message : String(error);
  const start = like.range?.start;
  return { message, offset: typeof start === 'number' ? Math.max(0, start - shift) : undefined };
}

/** Compiles an expression over the named top-level variables (dynamically typed: JSON-like values). Never throws. */
export function compileCel(expression: string, variables: readonly string[]): CelCompileResult {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      error: {
        message: `CEL expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
        offset: MAX_EXPRESSION_LENGTH,
      },
    };
  }
  let isOptional: (value: object) => value is OptionalLike;
  let env: ReturnType<typeof environmentFor>;
  try {
    const { Optional } = celLibrary();
    isOptional = (value: object): value is OptionalLike => value instanceof Optional;
  } catch (error) {
    return { ok: false, error: { message: `the CEL library could not be loaded: ${errorParts(error).message}`, offset: 0 } };
  }
  const badName = variables.find((name) => !IDENTIFIER.test(name) || RESERVED.has(name));
  if (badName !== undefined) return { ok: false, error: { message: `'${badName}' cannot be a CEL variable name`, offset: 0 } };
  try {
    env = environmentFor(variables);
  } catch (error) {
    return {
      ok: false,
      error: { message: `cannot declare the variables ${variables.join(', ')}: ${errorParts(error).message}`, offset: 0 },
    };
  }
  try {
    // Parsed on its own first: syntax errors get offsets in the user's text, and a text such as
    // `a) || (b` cannot pass by closing the wrapper.
    const unwrappedProgram = env.parse(expression);
    const unwrapped = unwrappedProgram.check();
    if (!unwrapped.valid) return compileError(unwrapped.error, 0, expression);
    const badRegex = literalRegexError(unwrappedProgram.ast as unknown as AstNode);
    if (badRegex) return { ok: false, error: badRegex };
    const parsed = env.parse(`${WRAP_PREFIX}${expression}${WRAP_SUFFIX}`);
    const checked = parsed.check();
    if (!checked.valid) return compileError(checked.error, WRAP_PREFIX.length, expression);
    hookRoot(parsed.ast as unknown as AstNode);
    return { ok: true, program: new Program(expression, parsed, isOptional) };
  } catch (error) {
    return compileError(error, 0, expression);
  }
}

function compileError(error: unknown, shift: number, expression: string): CelCompileResult {
  const { message, offset } = errorParts(error, shift);
  return { ok: false, error: { message, offset: Math.min(offset ?? 0, expression.length) } };
}

/** On the program's first evaluation, wraps the library's evaluator so that every node is charged. */
function hookRoot(root: AstNode): void {
  Object.defineProperty(root, 'evaluate', {
    configurable: true,
    writable: true,
    value(this: AstNode, evaluator: Evaluator, ast: AstNode, context: unknown): unknown {
      instrument(evaluator);
      delete (this as Partial<AstNode>).evaluate;
      return this.evaluate(evaluator, ast, context);
    },
  });
}

class Program implements CelProgram {
  constructor(
    readonly source: string,
    private readonly run: (context: Record<string, unknown>) => unknown,
    private readonly isOptional: (value: object) => value is OptionalLike,
  ) {}

  evaluate(activation: Readonly<Record<string, unknown>>, options?: CelEvalOptions): CelEvalResult {
    const limit = options?.costLimit ?? DEFAULT_CEL_COST_LIMIT;
    if (Number.isNaN(limit) || limit < 0)
      return { ok: false, message: `costLimit must be a number ≥ 0, not ${limit}`, budgetExceeded: false };
    try {
      const context = Object.create(null) as Record<string, unknown>;
      for (const [name, value] of Object.entries(activation)) context[name] = toCel(value);
      const { result, exceeded } = withBudget(limit, () => this.run(context));
      if (exceeded) throw new BudgetExceeded(limit);
      if (result instanceof Promise) return { ok: false, message: 'CEL expression did not evaluate synchronously', budgetExceeded: false };
      return { ok: true, value: fromCel(result, this.isOptional) };
    } catch (error) {
      if (error instanceof BudgetExceeded) return { ok: false, message: error.message, budgetExceeded: true };
      if (error instanceof RangeError && /call stack|Invalid string length|Invalid array length/i.test(error.message)) {
        return { ok: false, message: `CEL evaluation ran out of resources: ${error.message}`, budgetExceeded: true };
      }
      const { message, offset } = errorParts(error, WRAP_PREFIX.length);
      const failure: CelEvalResult = { ok: false, message, budgetExceeded: false };
      if (offset !== undefined) failure.offset = Math.min(offset, this.source.length);
      return failure;
    }
  }
}
