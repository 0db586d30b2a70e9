/**
 * Ajv, loaded on first use, synchronously (for Kubernetes schemas, the config and custom rules): a run whose kinds are all precompiled (dist/validators)
 * and that has no config file to validate neither runs nor even parses it. `createRequire` is
 * opaque to esbuild, so no bundle inlines Ajv: next to a bundle (the CLI in dist/cli, the GitHub
 * Action, which runs without node_modules) it is the file `ajv-library.cjs` (built from
 * ajv-library-entry.ts); anywhere else (dist/src, tests) it comes from node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type AjvModule from 'ajv';
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';

export interface AjvLibrary {
  Ajv: typeof AjvModule.default;
  standaloneCode: (ajv: AjvInstance, validate: ValidateFunction) => string;
}

/** The file name the bundlers give ajv-library-entry.ts. */
export const BUNDLED_AJV_LIBRARY = 'ajv-library.cjs';

let library: AjvLibrary | undefined;

export function ajvLibrary(): AjvLibrary {
  if (library) return library;
  const load = createRequire(import.meta.url);
  const bundled = fileURLToPath(new URL(`./${BUNDLED_AJV_LIBRARY}`, import.meta.url));
  if (existsSync(bundled)) library = load(bundled) as AjvLibrary;
  else {
    const withDefault = <T>(module: T): T => (module as { default?: T }).default ?? module;
    library = {
      Ajv: withDefault(load('ajv') as AjvLibrary['Ajv']),
      standaloneCode: withDefault(load('ajv/dist/standalone/index.js') as AjvLibrary['standaloneCode']),
    };
  }
  return library;
}
