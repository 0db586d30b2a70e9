/**
 * Ajv, loaded on first use (for Kubernetes schemas, the config and custom rules): a run whose kinds
 * are all precompiled (dist/validators), with no config file and no custom rule, never reads it.
 * Bundled on its own from src/schema/ajv-library-entry.ts.
 */
import type AjvModule from 'ajv';
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import { lazyLibrary } from './bundled-library.js';

export interface AjvLibrary {
  Ajv: typeof AjvModule.default;
  standaloneCode: (ajv: AjvInstance, validate: ValidateFunction) => string;
}

/** The file name the bundlers give ajv-library-entry.ts. */
const BUNDLED_AJV_LIBRARY = 'ajv-library.cjs';

/** Ajv and its standalone code generator: `ajv-library.cjs` next to a bundle (the CLI in dist/cli, the Action), else node_modules. */
export const ajvLibrary = lazyLibrary<AjvLibrary>(BUNDLED_AJV_LIBRARY, (load) => {
  const withDefault = <T>(module: T): T => (module as { default?: T }).default ?? module;
  return {
    Ajv: withDefault(load('ajv') as AjvLibrary['Ajv']),
    standaloneCode: withDefault(load('ajv/dist/standalone/index.js') as AjvLibrary['standaloneCode']),
  };
});
