import { compileCel, type CelCompileError, type CelEvalOptions, type CelEvalResult } from '../../src/util/cel/index.js';

/** Compiles `expression` over `object` (and `params`) and evaluates it; a compile error fails loudly. */
export function run(expression: string, activation: Record<string, unknown> = {}, options?: CelEvalOptions): CelEvalResult {
  const compiled = compileCel(expression, ['object', 'params']);
  if (!compiled.ok) throw new Error(`compile error for ${expression}: ${compiled.error.message} at ${compiled.error.offset}`);
  return compiled.program.evaluate(activation, options);
}

/** The value `expression` evaluates to; an evaluation error fails loudly. */
export function value(expression: string, activation: Record<string, unknown> = {}): unknown {
  const result = run(expression, activation);
  if (!result.ok) throw new Error(`evaluation error for ${expression}: ${result.message}`);
  return result.value;
}

/** The message of the evaluation error of `expression`. */
export function failure(expression: string, activation: Record<string, unknown> = {}): string {
  const result = run(expression, activation);
  if (result.ok) throw new Error(`${expression} evaluated to ${String(result.value)}`);
  return result.message;
}

export function compileError(expression: string, variables: readonly string[] = ['object']): CelCompileError {
  const compiled = compileCel(expression, variables);
  if (compiled.ok) throw new Error(`${expression} compiled`);
  return compiled.error;
}
