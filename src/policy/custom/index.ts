import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Rule } from '../../engine/rule.js';
import { INSTRUCTIONS } from '../../engine/rule.js';
import { ajvLibrary } from '../../util/ajv-library.js';
import { compileCel, type CelProgram } from '../../util/cel/index.js';
import { closest } from '../../util/closest.js';
import { locate, readYamlDocuments, type LocatedDefinition, type Position } from './located.js';
import { CUSTOM_RULE_SCHEMA, type CustomRuleDefinition } from './schema.js';
import { parsePath } from './paths.js';
import type { CompiledValidation } from './evaluate.js';
import { buildCustomRule } from './rule.js';
import { allRules } from '../../../rules/index.js';

export { isCustomRule } from './rule.js';
export { CUSTOM_RULE_SCHEMA, type CustomRuleDefinition } from './schema.js';

/** A custom rule that cannot be loaded: `file:line:column: where: what`. The application turns it into a ConfigError (exit 2). */
export class CustomRuleError extends Error {
  constructor(
    readonly file: string,
    readonly position: Position | undefined,
    readonly detail: string,
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ''}: ${detail}`);
    this.name = 'CustomRuleError';
  }
}

export interface CustomRulesLoad {
  rules: Rule[];
  errors: CustomRuleError[];
}

export interface CustomRulesInput {
  /** The folder of the config file, or the working directory without one: `.k8slint/rules/` is read from here. */
  configDir: string;
  /** The config file, re-read for the positions of its `customRules:` entries. */
  configPath?: string;
  /** The config's `customRules:` entries as loaded. */
  inline: readonly unknown[];
  /** Rules whose ids and aliases a custom rule may not take: the run's built-in and plugin rules (default: the built-in rules). */
  reserved?: readonly Rule[];
  /** Shown in errors instead of absolute paths; default: the process's working directory. */
  cwd?: string;
}

/** Where rule files live, under the config's folder. */
export const RULES_FOLDER = join('.k8slint', 'rules');

/** A rule file is a few kilobytes; more is a mistake, not a policy. */
const MAX_RULE_FILE_BYTES = 1024 * 1024;

/**
 * The custom rules of a project: the config's `customRules:` entries and every
 * `.k8slint/rules/*.yaml|yml` file (one rule per YAML document). A definition that is invalid is
 * left out with an error naming its file, line and key; the others load.
 */
export function loadCustomRules(input: CustomRulesInput): CustomRulesLoad {
  const cwd = input.cwd ?? process.cwd();
  const shown = (path: string): string => {
    const rel = relative(cwd, path);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
  };
  const errors: CustomRuleError[] = [];
  const definitions: LocatedDefinition[] = [];
  if (input.inline.length > 0) definitions.push(...inlineDefinitions(input.inline, input.configPath, shown));
  const folder = join(input.configDir, RULES_FOLDER);
  const listed = ruleFiles(folder);
  if ('message' in listed) errors.push(new CustomRuleError(shown(folder), undefined, `cannot list the rule files: ${listed.message}`));
  for (const file of 'message' in listed ? [] : listed) {
    const read = readRuleFile(file, shown(file));
    if ('error' in read) errors.push(read.error);
    else definitions.push(...read.definitions);
  }
  const taken = new Map<string, string>();
  for (const rule of input.reserved ?? allRules) {
    taken.set(rule.meta.id.toLowerCase(), `the rule ${rule.meta.id}`);
    for (const alias of rule.meta.aliases)
      if (!taken.has(alias.toLowerCase())) taken.set(alias.toLowerCase(), `an alias of ${rule.meta.id}`);
  }
  const rules: Rule[] = [];
  for (const definition of definitions) {
    const built = buildDefinition(definition, taken);
    if (built instanceof CustomRuleError) {
      errors.push(built);
      continue;
    }
    rules.push(built.rule);
    taken.set(built.rule.meta.id.toLowerCase(), `the custom rule in ${definition.file}`);
    for (const alias of built.rule.meta.aliases) taken.set(alias.toLowerCase(), `an alias of the custom rule ${built.rule.meta.id}`);
  }
  return { rules, errors };
}

function ruleFiles(folder: string): string[] | { message: string } {
  try {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
    return readdirSync(folder)
      .filter((name) => /\.ya?ml$/i.test(name))
      .sort()
      .map((name) => join(folder, name));
  } catch (error) {
    return { message: (error as Error).message };
  }
}

function readRuleFile(path: string, file: string): { definitions: LocatedDefinition[] } | { error: CustomRuleError } {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { error: new CustomRuleError(file, undefined, 'not a regular file') };
    if (stat.size > MAX_RULE_FILE_BYTES) return { error: new CustomRuleError(file, undefined, `over ${MAX_RULE_FILE_BYTES} bytes`) };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { error: new CustomRuleError(file, undefined, `cannot read: ${(error as Error).message}`) };
  }
  const read = readYamlDocuments(text);
  if ('error' in read) return { error: new CustomRuleError(file, read.position, `invalid YAML: ${read.error}`) };
  try {
    return {
      definitions: read.documents.filter((d) => d.contents !== null).map((document) => locate(file, text, document, read.lines, [])),
    };
  } catch (error) {
    // `yaml` refuses alias bombs (more aliases than it resolves) while converting.
    return { error: new CustomRuleError(file, undefined, `invalid YAML: ${(error as Error).message}`) };
  }
}

/** The config's entries, located in the config file when it can be re-read (else without positions). */
function inlineDefinitions(
  inline: readonly unknown[],
  configPath: string | undefined,
  shown: (path: string) => string,
): LocatedDefinition[] {
  const file = configPath ? shown(configPath) : '.k8slint.yaml';
  let read: ReturnType<typeof readYamlDocuments> | undefined;
  let text = '';
  try {
    if (configPath) {
      text = readFileSync(configPath, 'utf8');
      read = readYamlDocuments(text);
    }
  } catch {
    read = undefined;
  }
  return inline.map((value, index) => {
    const document = read && 'documents' in read ? read.documents[0] : undefined;
    if (document && read && 'lines' in read) return { ...locate(file, text, document, read.lines, ['customRules', index]), value };
    return { value, file, keyPrefix: `customRules.${index}.`, positionOf: () => undefined, positionInString: () => undefined };
  });
}

let validator: ValidateFunction | undefined;
function validateDefinition(value: unknown): ErrorObject[] {
  if (!validator) {
    validator = new (ajvLibrary().Ajv)({ allErrors: true, strict: false }).compile(CUSTOM_RULE_SCHEMA);
  }
  return validator(value) ? [] : (validator.errors ?? []);
}

/** Variables each target's expressions may use; `self` when the validation has a path, `container` and `image` per container. */
function variablesFor(definition: CustomRuleDefinition, withPath: boolean, perContainer: boolean): string[] {
  const { kubernetes, dockerfile } = definition.match;
  const names = kubernetes
    ? ['object', 'containers', 'namespaceObject', 'params', ...(perContainer ? ['container', 'image'] : [])]
    : dockerfile
      ? ['instruction', 'stage', 'image', 'params']
      : ['service', 'name', 'image', 'params'];
  return withPath ? [...names, 'self'] : names;
}

const DOCKERFILE_TARGETS = ['image', 'arguments', 'keyword'];

function buildDefinition(located: LocatedDefinition, taken: ReadonlyMap<string, string>): { rule: Rule } | CustomRuleError {
  const fail = (path: readonly (string | number)[], detail: string, position = located.positionOf(path)): CustomRuleError => {
    const key = `${located.keyPrefix}${path.join('.')}`.replace(/\.$/, '');
    return new CustomRuleError(located.file, position, key ? `${key}: ${detail}` : detail);
  };
  const schemaErrors = validateDefinition(located.value);
  if (schemaErrors.length > 0)
    return describeSchemaError(schemaErrors, (path, detail, part) => fail(path, detail, located.positionOf(path, part)));
  const definition = located.value as CustomRuleDefinition;
  const clash = taken.get(definition.id.toLowerCase());
  if (clash) return fail(['id'], `"${definition.id}" is already ${clash}; give the custom rule an id of its own`);
  for (const [index, alias] of (definition.aliases ?? []).entries()) {
    const other = taken.get(alias.toLowerCase());
    if (other) return fail(['aliases', index], `"${alias}" is already ${other}`);
  }
  if (definition.match.dockerfile) {
    for (const [index, keyword] of definition.match.dockerfile.instructions.entries())
      if (!(INSTRUCTIONS as readonly string[]).includes(keyword.toUpperCase()))
        return fail(['match', 'dockerfile', 'instructions', index], `unknown instruction "${keyword}"`);
  }
  const validations: CompiledValidation[] = [];
  for (const [index, validation] of definition.validations.entries()) {
    const at = (key: string): Array<string | number> => ['validations', index, key];
    const perContainer = validation.forEach === 'containers';
    if (perContainer && !definition.match.kubernetes) return fail(at('forEach'), 'forEach: containers is for Kubernetes rules');
    let path: CompiledValidation['path'];
    let dockerfileTarget: string | undefined;
    if (validation.path !== undefined) {
      if (definition.match.dockerfile) {
        dockerfileTarget = validation.path;
        if (!DOCKERFILE_TARGETS.includes(dockerfileTarget) && !/^flags\.[a-z-]+$/.test(dockerfileTarget))
          return fail(at('path'), `a Dockerfile rule points at image, arguments, keyword or flags.<name>, not "${dockerfileTarget}"`);
      } else {
        const roots = perContainer ? ['container'] : definition.match.kubernetes ? ['object'] : ['service'];
        const steps = parsePath(validation.path, roots);
        if ('error' in steps) return fail(at('path'), steps.error, located.positionInString(at('path'), steps.offset));
        path = steps;
      }
    }
    const variables = variablesFor(definition, path !== undefined, perContainer);
    const program = compileExpression(validation.expression, variables, at('expression'), located, fail);
    if (program instanceof CustomRuleError) return program;
    let messageProgram: CelProgram | undefined;
    if (validation.messageExpression !== undefined) {
      const compiledMessage = compileExpression(validation.messageExpression, variables, at('messageExpression'), located, fail);
      if (compiledMessage instanceof CustomRuleError) return compiledMessage;
      messageProgram = compiledMessage;
    }
    validations.push({
      index,
      program,
      forEachContainer: perContainer,
      ...(validation.message !== undefined && { message: validation.message }),
      ...(messageProgram && { messageProgram }),
      ...(path && { path }),
      ...(dockerfileTarget !== undefined && { dockerfileTarget }),
    });
  }
  return { rule: buildCustomRule(definition, validations) };
}

function compileExpression(
  expression: string,
  variables: readonly string[],
  path: Array<string | number>,
  located: LocatedDefinition,
  fail: (path: readonly (string | number)[], detail: string, position?: Position) => CustomRuleError,
): CelProgram | CustomRuleError {
  const compiled = compileCel(expression, variables);
  if (compiled.ok) return compiled.program;
  const { message, offset } = compiled.error;
  return fail(
    path,
    `CEL: ${message} (at character ${offset + 1} of the expression; variables: ${variables.join(', ')})`,
    located.positionInString(path, offset),
  );
}

const TARGETS = 'kubernetes, dockerfile, compose';

function describeSchemaError(
  errors: readonly ErrorObject[],
  fail: (path: readonly (string | number)[], detail: string, part?: 'key') => CustomRuleError,
): CustomRuleError {
  // The deepest error is the most specific one (oneOf and allErrors give many).
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const first = sorted.find((e) => e.keyword === 'additionalProperties') ?? sorted.find((e) => e.keyword === 'required') ?? sorted[0];
  if (!first) return fail([], 'is invalid');
  const path = first.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  switch (first.keyword) {
    case 'additionalProperties': {
      const key = String(first.params.additionalProperty);
      const known = Object.keys(propertiesAt(path));
      const suggestion = closest(key, known);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : known.length > 0 ? `; known keys: ${known.join(', ')}` : '';
      return fail([...path, key], `unknown key${hint}`, 'key');
    }
    case 'required':
      return fail(path, `the key "${String(first.params.missingProperty)}" is required`);
    case 'minProperties':
    case 'maxProperties':
      return fail(path, path.join('.') === 'match' ? `name exactly one target: ${TARGETS}` : (first.message ?? 'is invalid'));
    case 'enum':
      return fail(path, `must be one of ${(first.params.allowedValues as unknown[]).map(String).join(', ')}`);
    case 'pattern':
      return fail(
        path,
        path[0] === 'id' ? 'must be lowercase words joined by dashes (team-labels)' : `must match ${String(first.params.pattern)}`,
      );
    default:
      return fail(path, first.message ?? 'is invalid');
  }
}

/** The `properties` of the schema at a definition path (for did-you-mean on unknown keys). */
function propertiesAt(path: ReadonlyArray<string | number>): Record<string, unknown> {
  let schema: unknown = CUSTOM_RULE_SCHEMA;
  for (const step of path) {
    const node = schema as { properties?: Record<string, unknown>; items?: unknown };
    schema = typeof step === 'number' ? node.items : node.properties?.[step];
  }
  return (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
}
