import type { Ajv as AjvInstance, Options } from 'ajv';
import { ajvLibrary } from '../util/ajv-library.js';

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
