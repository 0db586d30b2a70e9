/**
 * Ajv, loaded on first use, synchronously: a run whose kinds are all precompiled (dist/validators)
 * and that has no config file to validate neither runs nor even parses it. `createRequire` is
 * opaque to esbuild, so no bundle inlines Ajv: next to a bundle (the CLI in dist/cli, the GitHub
 * Action, which runs without node_modules) it is the file `ajv-library.cjs` (built from
 * ajv-library-entry.ts); anywhere else (dist/src, tests) it comes from node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type AjvModule from 'ajv';
import type { Ajv as AjvInstance, Options, ValidateFunction } from 'ajv';

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

const INT32 = (n: number): boolean => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
const INT64 = (n: number): boolean => Number.isInteger(n);
// Go's base64.StdEncoding (what the API server decodes `format: byte` with) skips \r and \n and
// needs the padding: whole groups of four characters.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isBase64 = (s: string): boolean => {
  const text = s.replace(/[\r\n]/g, '');
  return text.length % 4 === 0 && BASE64.test(text);
};

/** An Ajv instance (not verbose: that doubles compile time; issues.ts finds schemas by path instead) with the OpenAPI formats of Kubernetes schemas; unknown formats are accepted. */
export function newAjv(options: Options = {}): AjvInstance {
  const ajv = new (ajvLibrary().Ajv)({ strict: false, allErrors: true, logger: false, ...options });
  ajv.addFormat('int32', { type: 'number', validate: INT32 });
  ajv.addFormat('int64', { type: 'number', validate: INT64 });
  ajv.addFormat('byte', { type: 'string', validate: isBase64 });
  // Accepted as written: the API server parses these leniently or not at all.
  for (const name of [
    'double',
    'float',
    'date-time',
    'date',
    'time',
    'duration',
    'uri',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'cidr',
    'mac',
    'uuid',
    'password',
    'int-or-string',
    'quantity',
  ])
    ajv.addFormat(name, true);
  return ajv;
}

export type { AjvInstance };
