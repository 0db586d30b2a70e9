import { compileCel, type CelCompileError, type CelProgram } from '../../../src/util/cel/index.js';
import type { KNode } from '../../../src/model/k8s.js';

/** The variables the API server gives a ValidatingAdmissionPolicy's expressions. */
export const POLICY_VARIABLES = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'variables', 'authorizer'] as const;

/** What an expression reads that an offline run cannot supply or decide. */
export interface ExpressionUses {
  authorizer: boolean;
  userInfo: boolean;
  namespaceObject: boolean;
  /** `variables.<name>` read directly. */
  variables: Set<string>;
}

/** One CEL expression of a policy, compiled, with the YAML scalar it was read from (for positions). */
export interface PolicyExpression {
  /** The scalar holding the expression. */
  node: KNode;
  source: string;
  program?: CelProgram;
  error?: CelCompileError;
  uses: ExpressionUses;
}

export function compileExpression(node: KNode, extraVariables: readonly string[] = []): PolicyExpression {
  const source = typeof node.value === 'string' ? node.value : String(node.value);
  const compiled = compileCel(source, [...POLICY_VARIABLES, ...extraVariables]);
  return {
    node,
    source,
    ...(compiled.ok ? { program: compiled.program } : { error: compiled.error }),
    uses: usesOf(source),
  };
}

/** String literals (with their escapes), blanked so that names inside them are not taken for reads. */
const STRING_LITERAL = /[rRbB]?("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;

export function usesOf(source: string): ExpressionUses {
  const code = source.replace(STRING_LITERAL, (literal) => ' '.repeat(literal.length));
  const variables = new Set<string>();
  for (const match of code.matchAll(/(?<![\w.])variables\s*\.\s*([A-Za-z_]\w*)/g)) if (match[1]) variables.add(match[1]);
  // `variables['name']` reads are rare; the name is inside a literal, so read it from the source.
  for (const match of source.matchAll(/(?<![\w.])variables\s*\[\s*['"]([A-Za-z_]\w*)['"]\s*\]/g)) if (match[1]) variables.add(match[1]);
  return {
    authorizer: /(?<![\w.])authorizer\b/.test(code),
    userInfo: /(?<![\w.])request\s*\.\s*userInfo\b/.test(code) || /(?<![\w.])request\s*\[\s*['"]userInfo['"]\s*\]/.test(source),
    namespaceObject: /(?<![\w.])namespaceObject\b/.test(code),
    variables,
  };
}

/**
 * The fields of `object` an expression reads, as key paths (`object.spec.replicas` → spec, replicas),
 * cut before a method call (`object.spec.containers.all(…)` → spec, containers).
 */
export function objectPaths(source: string): string[][] {
  const code = source.replace(STRING_LITERAL, (literal) => ' '.repeat(literal.length));
  const paths: string[][] = [];
  for (const match of code.matchAll(/(?<![\w.])object((?:\s*\.\s*[A-Za-z_]\w*)+)(\s*\()?/g)) {
    const keys = (match[1] ?? '')
      .split('.')
      .map((k) => k.trim())
      .filter(Boolean);
    if (match[2]) keys.pop();
    if (keys.length > 0) paths.push(keys);
  }
  return paths;
}
