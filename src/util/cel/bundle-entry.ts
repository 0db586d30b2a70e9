/**
 * What `cel-library.cjs` holds: the CEL engine and RE2, bundled on their own (src/action/bundle.mjs)
 * next to a bundle that runs without node_modules (the GitHub Action). library.ts loads it.
 */
export { Environment, Optional } from '@marcbachmann/cel-js';
export { RE2JS } from 're2js';
