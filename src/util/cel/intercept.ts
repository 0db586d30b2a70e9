/**
 * The library's evaluator, wrapped so that the budget bounds it. Every node costs 1; a node that
 * builds a value costs its size; a node whose work grows with an operand (a string function scans
 * its receiver, `in` scans its list, `==` compares lists element by element) costs that operand's
 * size. Two functions the library implements in a way the budget cannot bound run here instead:
 * `matches` (the library uses JavaScript's backtracking RegExp; this uses RE2) and `join` (its
 * result is sized and charged before it is built).
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

/** Library methods whose time grows with the length of the string they are called on. */
const SCANNING_METHODS = new Set([
  'contains',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'lowerAscii',
  'upperAscii',
  'trim',
  'split',
  'substring',
  'size',
]);

/** What a scan costs per operand: strings for string methods, lists for `in`, any collection for `==`. */
type Measure = (value: unknown) => number;

const stringSize: Measure = (value) => (typeof value === 'string' ? stringCost(value.length) : 0);
const listSize: Measure = (value) => (Array.isArray(value) ? value.length : 0);
const anySize: Measure = (value) => stringSize(value) + listSize(value) + (value instanceof Map ? value.size : 0);

/** The children of `ast` whose size its own work grows with, and how that size is counted. */
function scannedOperands(ast: AstNode): { operands: readonly unknown[]; measure: Measure } | undefined {
  if (!Array.isArray(ast.args)) return undefined;
  const args = ast.args as unknown[];
  switch (ast.op) {
    case 'rcall':
      // Only a string receiver: `list.size()` is constant time, and the list functions of
      // extensions.ts charge their lists themselves.
      return SCANNING_METHODS.has(args[0] as string) ? { operands: [args[1]], measure: stringSize } : undefined;
    case 'in':
      // A map lookup is constant time; a list is searched element by element.
      return { operands: [args[1]], measure: listSize };
    case '==':
    case '!=':
      return { operands: args, measure: anySize };
    default:
      return undefined;
  }
}

interface Scan {
  readonly operands: readonly unknown[];
  readonly measure: Measure;
  units: number;
}

/** Nodes being evaluated that wait for the size of their scanned operands, innermost last. */
const scans: Scan[] = [];

const instrumented = new WeakSet<object>();

export function instrument(evaluator: Evaluator): void {
  if (instrumented.has(evaluator)) return;
  instrumented.add(evaluator);
  const run = (ast: AstNode, context: unknown): unknown => {
    charge(1);
    const call = callParts(ast);
    if (call) {
      const special = SPECIAL[`${call.name}/${call.receiver ? 'r' : ''}${call.args.length}`];
      if (special) {
        const receiver = call.receiver ? evaluator.run(call.receiver, context) : undefined;
        return special(
          receiver,
          call.args.map((arg) => evaluator.run(arg, context)),
        );
      }
    }
    const scanned = scannedOperands(ast);
    let result: unknown;
    if (scanned === undefined) result = ast.evaluate(evaluator, ast, context);
    else {
      const scan: Scan = { ...scanned, units: 0 };
      scans.push(scan);
      try {
        result = ast.evaluate(evaluator, ast, context);
      } finally {
        scans.pop();
      }
      charge(scan.units);
    }
    if (CREATING.has(ast.op)) chargeCreated(result);
    const parent = scans[scans.length - 1];
    if (parent?.operands.includes(ast)) parent.units += parent.measure(result);
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
  'join/r0': (receiver) => join(receiver),
  'join/r1': (receiver, [separator]) => join(receiver, separator),
};
