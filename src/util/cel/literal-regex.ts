/** Regular expressions written as string literals are checked when the expression compiles, not when it first runs. */
import type { AstNode } from './intercept.js';
import { compileRegex } from './regex.js';

const REGEX_METHODS = new Set(['matches', 'find', 'findAll']);

interface Located {
  start?: unknown;
}

/** The first invalid literal pattern of a regex function in `root`, with its offset. */
export function literalRegexError(root: AstNode): { message: string; offset: number } | undefined {
  const pending: unknown[] = [root];
  let visited = 0;
  while (pending.length > 0 && visited++ < 100_000) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    if (!isAstNode(node)) continue;
    const pattern = literalPattern(node);
    if (pattern) {
      const compiled = compileRegex(pattern.text);
      if (typeof compiled === 'string') return { message: compiled, offset: typeof pattern.at.start === 'number' ? pattern.at.start : 0 };
    }
    if (Array.isArray(node.args)) pending.push(...(node.args as unknown[]));
    else pending.push(node.args);
  }
  return undefined;
}

function isAstNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as Partial<AstNode>).op === 'string';
}

function literalPattern(node: AstNode): { text: string; at: Located } | undefined {
  if (!Array.isArray(node.args)) return undefined;
  let argument: unknown;
  if (node.op === 'rcall' && REGEX_METHODS.has(node.args[0] as string)) argument = (node.args[2] as unknown[] | undefined)?.[0];
  else if (node.op === 'call' && node.args[0] === 'matches') argument = (node.args[1] as unknown[] | undefined)?.[1];
  if (!isAstNode(argument) || argument.op !== 'value' || typeof argument.args !== 'string') return undefined;
  return { text: argument.args, at: argument as Located };
}
