/**
 * What `ajv-library.cjs` holds: Ajv and its standalone code generator, bundled on their own (by
 * scripts/bundle-cli.mjs and src/action/bundle.mjs) so that a run whose kinds are all precompiled
 * never reads or compiles them. Loaded through `ajvLibrary()` in src/util/ajv-library.ts, never imported.
 */
import AjvModule from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { AjvLibrary } from '../util/ajv-library.js';

const library: AjvLibrary = {
  Ajv: ((AjvModule as { default?: unknown }).default ?? AjvModule) as AjvLibrary['Ajv'],
  standaloneCode: ((standaloneModule as { default?: unknown }).default ?? standaloneModule) as AjvLibrary['standaloneCode'],
};

export const { Ajv, standaloneCode } = library;
