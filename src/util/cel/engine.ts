/**
 * The environments built on the CEL library (loaded on the first compile, library.ts): one base
 * environment with Kubernetes' extension functions, and one clone per set of top-level variable names.
 */
import type * as CelJs from '@marcbachmann/cel-js';
import { celLibrary } from './library.js';
import { registerLists, registerNetworks, registerQuantities, registerRegex, registerStrings, registerUrls } from './extensions.js';

/** Compile-time limits: an expression longer or deeper than this is refused before it runs. */
export const MAX_EXPRESSION_LENGTH = 10_000;
export const MAX_EXPRESSION_DEPTH = 48;
export const MAX_AST_NODES = 5_000;

let base: CelJs.Environment | undefined;
const environments = new Map<string, CelJs.Environment>();

function baseEnvironment(): CelJs.Environment {
  if (base) return base;
  const env = new (celLibrary().Environment)({
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    unlistedVariablesAreDyn: false,
    limits: {
      maxAstNodes: MAX_AST_NODES,
      maxDepth: MAX_EXPRESSION_DEPTH,
      maxListElements: 1_000,
      maxMapEntries: 1_000,
      maxCallArguments: 32,
    },
  });
  registerQuantities(env);
  registerUrls(env);
  registerRegex(env);
  registerLists(env);
  registerStrings(env);
  registerNetworks(env);
  base = env;
  return env;
}

/** The environment with `variables` declared as dynamically typed top-level names. */
export function environmentFor(variables: readonly string[]): CelJs.Environment {
  const key = [...new Set(variables)].sort().join('\n');
  let env = environments.get(key);
  if (!env) {
    env = baseEnvironment().clone();
    for (const name of new Set(variables)) env.registerVariable(name, 'dyn');
    if (environments.size >= 64) environments.clear();
    environments.set(key, env);
  }
  return env;
}
