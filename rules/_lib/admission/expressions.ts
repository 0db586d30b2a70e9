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
  /** What the expression calls that an offline run cannot evaluate (a Kyverno library that reads the cluster, a function k8slint's CEL lacks). */
  unavailable?: string;
}

export interface CompileOptions {
  /** The text to compile, when it is not the scalar's own (Kyverno's autogen rewrites `object.spec` for pod controllers). */
  source?: string;
  /**
   * A Kyverno policy: its CEL has libraries k8slint does not implement, so a call to an unknown function
   * or variable is a part the run cannot evaluate, not a compile error.
   */
  kyverno?: boolean;
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

export function compileExpression(node: KNode, options: CompileOptions = {}): PolicyExpression {
  const source = options.source ?? (typeof node.value === 'string' ? node.value : String(node.value));
  const compiled = compileCel(source, POLICY_VARIABLES);
  const uses = usesOf(source);
  if (options.kyverno) {
    const unavailable = kyvernoLibraryUse(source) ?? (compiled.ok ? undefined : missingName(compiled.error.message));
    if (unavailable) return { node, source, uses: { ...uses, unavailable } };
  }
  return {
    node,
    source,
    ...(compiled.ok ? { program: compiled.program } : { error: compiled.error }),
    uses,
  };
}

/** Kyverno's CEL libraries that read the cluster, call the network or read an image registry. */
const KYVERNO_REMOTE_LIBRARIES: Array<{ call: RegExp; needs: string }> = [
  { call: /(?<![\w.])resource\s*\.\s*(Get|List|Post)\s*\(/, needs: 'reads the cluster' },
  { call: /(?<![\w.])http\s*\.\s*(Get|Post|Client)\s*\(/, needs: 'calls the network' },
  { call: /(?<![\w.])globalContext\s*\.\s*(Get)\s*\(/, needs: "reads Kyverno's global context, filled from the cluster" },
  { call: /(?<![\w.])image\s*\.\s*(GetMetadata)\s*\(/, needs: 'reads the image registry' },
  { call: /(?<![\w.])imagedata\s*\.\s*(Get)\s*\(/, needs: 'reads the image registry' },
];

/** The first Kyverno library call of an expression that needs a cluster, the network or a registry. */
export function kyvernoLibraryUse(source: string): string | undefined {
  const code = source.replace(STRING_LITERAL, (literal) => ' '.repeat(literal.length));
  for (const { call, needs } of KYVERNO_REMOTE_LIBRARIES) {
    const match = call.exec(code);
    if (match) return `calls Kyverno's \`${match[0].replace(/[\s(]/g, '')}\`, which ${needs}`;
  }
  return undefined;
}

/** A compile error that only says a function or variable is unknown: in a Kyverno policy, most likely one of its CEL libraries. */
function missingName(message: string): string | undefined {
  const fn = /found no matching overload for '(?:dyn\.)?([A-Za-z_][\w.]*)\(/.exec(message);
  if (fn) return `calls \`${fn[1] ?? ''}()\`, a function k8slint's CEL runtime does not have (Kyverno's CEL libraries add many)`;
  const variable = /^Unknown variable: ([A-Za-z_]\w*)/.exec(message);
  if (variable)
    return `reads \`${variable[1] ?? ''}\`, a variable k8slint's CEL runtime does not have (Kyverno's CEL libraries add several)`;
  return undefined;
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
