import { ajvLibrary } from '../util/ajv-library.js';
import { INSTRUCTIONS, type Handlers } from '../engine/rule.js';

const HANDLER_KEYS = [
  'dockerfile',
  'dockerfile:all',
  'dockerfile:stage',
  ...INSTRUCTIONS.map((keyword) => `dockerfile:${keyword}` as const),
  'k8s:file',
  'k8s:object',
  'k8s:workload',
  'k8s:container',
  'k8s:all',
  'compose:file',
  'compose:service',
  'compose:all',
] as const satisfies ReadonlyArray<keyof Handlers>;

// Fails to compile when the rule contract gains a handler this list does not know.
type Unlisted = Exclude<keyof Handlers, (typeof HANDLER_KEYS)[number]>;
const everyHandlerListed: Unlisted extends never ? true : never = true;
void everyHandlerListed;

const KNOWN_HANDLERS: ReadonlySet<string> = new Set(HANDLER_KEYS);
/** `meta` is the engine's own category (rule failures, suppressions); a plugin rule takes any other. */
const CATEGORIES = ['dockerfile', 'security', 'reliability', 'efficiency', 'gpu', 'schema', 'compose'];
const SEVERITIES = ['error', 'warning', 'info'];

type Problems = string[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/**
 * What is wrong with a rule a plugin exports under `key`, against the contract of `defineRule` (the
 * one built-in rules follow); empty when nothing is. Checked at load, so a broken plugin is a config
 * error naming the field instead of a crash in the middle of a run.
 */
export function pluginRuleProblems(key: string, rule: unknown): Problems {
  if (!isObject(rule)) return ['is not an object made with defineRule({ meta, handlers })'];
  const problems: Problems = [];
  const meta = rule.meta;
  if (!isObject(meta)) problems.push('has no `meta` object');
  else problems.push(...metaProblems(key, meta));
  const handlers = rule.handlers;
  if (!isObject(handlers) || Object.keys(handlers).length === 0) problems.push('has no `handlers` (e.g. `k8s:object`, `dockerfile:FROM`)');
  else
    for (const [name, handler] of Object.entries(handlers)) {
      if (!KNOWN_HANDLERS.has(name)) problems.push(`has an unknown handler "${name}" (known: ${HANDLER_KEYS.join(', ')})`);
      else if (typeof handler !== 'function') problems.push(`handler "${name}" is not a function`);
    }
  if (rule.codes !== undefined && !(rule.codes instanceof RegExp)) problems.push('`codes` is not a regular expression');
  if (rule.requires !== undefined) problems.push('sets `requires` (programs on PATH are for built-in rules only)');
  if (rule.reports !== undefined) problems.push('sets `reports` (engine outcomes are reported by built-in rules only)');
  return problems;
}

function metaProblems(key: string, meta: Record<string, unknown>): Problems {
  const problems: Problems = [];
  if (meta.id !== key) problems.push(`meta.id is ${JSON.stringify(meta.id)}, not "${key}" (the key the plugin exports it under)`);
  for (const field of ['title', 'rationale', 'remediation', 'since'] as const)
    if (!isText(meta[field])) problems.push(`meta.${field} is not a non-empty string`);
  if (!SEVERITIES.includes(meta.severity as string)) problems.push(`meta.severity is not one of ${SEVERITIES.join(', ')}`);
  if (!CATEGORIES.includes(meta.category as string)) problems.push(`meta.category is not one of ${CATEGORIES.join(', ')}`);
  if (meta.status !== 'stable' && meta.status !== 'preview') problems.push('meta.status is not stable or preview');
  if (meta.optIn !== undefined && typeof meta.optIn !== 'boolean') problems.push('meta.optIn is not a boolean');
  if (!isTextList(meta.aliases)) problems.push('meta.aliases is not a list of strings');
  if (!isTextList(meta.references)) problems.push('meta.references is not a list of strings');
  if (meta.fixable !== undefined && meta.fixable !== 'safe' && meta.fixable !== 'unsafe')
    problems.push('meta.fixable is not safe or unsafe');
  if (meta.docs !== undefined) {
    const url = isObject(meta.docs) ? meta.docs.url : undefined;
    if (!isObject(meta.docs) || (url !== undefined && !(typeof url === 'string' && /^https?:\/\/\S+$/.test(url))))
      problems.push('meta.docs is not { url: "https://…" }');
  }
  problems.push(...exampleProblems(meta.examples), ...optionProblems(meta.options));
  return problems;
}

function exampleProblems(examples: unknown): Problems {
  if (!Array.isArray(examples)) return ['meta.examples is not a list of { lang, bad, good }'];
  return examples.flatMap((example, i) => {
    const where = `meta.examples[${i}]`;
    if (!isObject(example)) return [`${where} is not an object`];
    const problems: Problems = [];
    if (example.lang !== 'yaml' && example.lang !== 'dockerfile') problems.push(`${where}.lang is not yaml or dockerfile`);
    if (typeof example.bad !== 'string' || typeof example.good !== 'string') problems.push(`${where} needs \`bad\` and \`good\` strings`);
    if (example.file !== undefined && !isText(example.file)) problems.push(`${where}.file is not a file name`);
    if (example.options !== undefined && !isObject(example.options)) problems.push(`${where}.options is not an object`);
    return problems;
  });
}

function optionProblems(options: unknown): Problems {
  if (options === undefined) return [];
  if (!isObject(options) || !isObject(options.schema) || !isObject(options.defaults))
    return ['meta.options is not { schema: {…JSON schema…}, defaults: {…} }'];
  const Ajv = ajvLibrary().Ajv;
  try {
    const validate = new Ajv({ strict: false }).compile(options.schema);
    if (!validate(options.defaults))
      return [`meta.options.defaults do not match meta.options.schema: ${validate.errors?.[0]?.message ?? ''}`];
  } catch (error) {
    return [`meta.options.schema is not a valid JSON schema: ${(error as Error).message}`];
  }
  return [];
}
