/**
 * Functions the library implements in a way the budget cannot bound, run here instead: `matches`
 * (the library uses JavaScript's backtracking RegExp; this uses RE2) and `join` (its result is sized
 * and charged before it is built). The evaluator's `run` is wrapped so that every node is charged.
 */
import { charge, chargeCreated, stringCost } from './budget.js';
import { regexMatches } from './regex.js';

export interface AstNode {
  op: string;
  args: unknown;
  evaluate(evaluator: Evaluator, ast: AstNode, context: unknown): unknown;
}

export interface Evaluator {
  run(ast: AstNode, context: unknown): unknown;
}

/** Nodes whose result is a value they built (and whose size is charged). */
const CREATING = new Set(['+', 'call', 'rcall', 'comprehension']);

const instrumented = new WeakSet<object>();

export function instrument(evaluator: Evaluator): void {
  if (instrumented.has(evaluator)) return;
  instrumented.add(evaluator);
  const run = (ast: AstNode, context: unknown): unknown => {
    charge(1);
    const call = callParts(ast);
    if (call) {
      const special = SPECIAL[`${call.name}/${call.receiver ? 'r' : ''}${call.args.length}`];
      if (special)
        return special(
          call.receiver ? evaluator.run(call.receiver, context) : undefined,
          call.args.map((arg) => evaluator.run(arg, context)),
        );
    }
    const result = ast.evaluate(evaluator, ast, context);
    if (CREATING.has(ast.op)) chargeCreated(result);
    return result;
  };
  evaluator.run = run;
}

function callParts(ast: AstNode): { name: string; receiver?: AstNode; args: AstNode[] } | undefined {
  if (!Array.isArray(ast.args)) return undefined;
  if (ast.op === 'rcall') {
    const [name, receiver, args] = ast.args as [unknown, AstNode, unknown];
    if (typeof name === 'string' && Array.isArray(args)) return { name, receiver, args: args as AstNode[] };
  } else if (ast.op === 'call') {
    const [name, args] = ast.args as [unknown, unknown];
    if (typeof name === 'string' && Array.isArray(args)) return { name, args: args as AstNode[] };
  }
  return undefined;
}

export class CelRuntimeError extends Error {}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'map';
  return typeof value;
}

function matches(text: unknown, regex: unknown): boolean {
  if (typeof text !== 'string' || typeof regex !== 'string')
    throw new CelRuntimeError(`no such overload: matches(${typeName(text)}, ${typeName(regex)})`);
  return regexMatches(text, regex);
}

function join(list: unknown, separator: unknown = ''): string {
  if (!Array.isArray(list) || typeof separator !== 'string')
    throw new CelRuntimeError(`no such overload: ${typeName(list)}.join(${typeName(separator)})`);
  let length = separator.length * Math.max(0, list.length - 1);
  for (const item of list) {
    if (typeof item !== 'string') throw new CelRuntimeError(`join: list element of type ${typeName(item)} is not a string`);
    length += item.length;
  }
  charge(stringCost(length));
  return list.join(separator);
}

const SPECIAL: Readonly<Record<string, (receiver: unknown, args: unknown[]) => unknown>> = {
  'matches/r1': (receiver, [regex]) => matches(receiver, regex),
  'matches/2': (_, [text, regex]) => matches(text, regex),
  'join/r0': (receiver) => join(receiver),
  'join/r1': (receiver, [separator]) => join(receiver, separator),
};
