/** The shape of a custom rule definition (docs/custom-rules.md), as TypeScript and as JSON schema. */

export interface CustomValidation {
  expression: string;
  message?: string;
  messageExpression?: string;
  /** Where to point: a field path (`spec.type`, `spec.ports[*]`, `metadata.labels['team']`); Dockerfile: `image`, `arguments`, `keyword`, `flags.<name>`. */
  path?: string;
  /** `containers`: the validation runs once per container, with `container` and `image` bound and `path` under the container. */
  forEach?: 'containers';
}

export interface KubernetesMatch {
  apiGroups?: string[];
  kinds?: string[];
  namespaces?: string[];
  excludedNamespaces?: string[];
  labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
}

export interface DockerfileMatch {
  instructions: string[];
  stages?: 'final' | 'all';
}

export interface ComposeMatch {
  services?: string[];
}

export interface CustomRuleDefinition {
  id: string;
  title: string;
  severity: 'error' | 'warning' | 'info';
  category: string;
  rationale: string;
  remediation: string;
  since?: string;
  aliases?: string[];
  references?: string[];
  examples?: Array<{ lang: 'yaml' | 'dockerfile'; bad: string; good: string; file?: string }>;
  params?: Record<string, unknown>;
  match: { kubernetes?: KubernetesMatch; dockerfile?: DockerfileMatch; compose?: ComposeMatch };
  validations: CustomValidation[];
}

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/** Categories a custom rule may take: every built-in one but the engine's own (`meta`) and the schema validator's. */
export const CUSTOM_CATEGORIES = ['dockerfile', 'security', 'reliability', 'efficiency', 'gpu', 'compose'] as const;

/** Written to schemas/custom-rule.schema.json (for editors) by scripts/generate.mjs. */
export const CUSTOM_RULE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/k8slint/k8slint/schemas/custom-rule.schema.json',
  title: 'k8slint custom rule (.k8slint/rules/*.yaml, customRules: in .k8slint.yaml)',
  type: 'object',
  required: ['id', 'title', 'severity', 'category', 'rationale', 'remediation', 'match', 'validations'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 80 },
    title: { type: 'string', minLength: 1 },
    severity: { enum: ['error', 'warning', 'info'] },
    category: { enum: [...CUSTOM_CATEGORIES] },
    rationale: { type: 'string', minLength: 1 },
    remediation: { type: 'string', minLength: 1 },
    since: { type: 'string', minLength: 1 },
    aliases: stringList,
    references: stringList,
    examples: {
      type: 'array',
      items: {
        type: 'object',
        required: ['lang', 'bad', 'good'],
        additionalProperties: false,
        properties: { lang: { enum: ['yaml', 'dockerfile'] }, bad: { type: 'string' }, good: { type: 'string' }, file: { type: 'string' } },
      },
    },
    params: { type: 'object' },
    match: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        kubernetes: {
          type: 'object',
          additionalProperties: false,
          properties: {
            apiGroups: { type: 'array', items: { type: 'string' } },
            kinds: stringList,
            namespaces: stringList,
            excludedNamespaces: stringList,
            labelSelector: {
              type: 'object',
              additionalProperties: false,
              properties: {
                matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
                matchExpressions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['key', 'operator'],
                    additionalProperties: false,
                    properties: {
                      key: { type: 'string', minLength: 1 },
                      operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
                      values: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
        dockerfile: {
          type: 'object',
          required: ['instructions'],
          additionalProperties: false,
          properties: {
            instructions: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z]+$' } },
            stages: { enum: ['final', 'all'] },
          },
        },
        compose: { type: 'object', additionalProperties: false, properties: { services: stringList } },
      },
    },
    validations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['expression'],
        additionalProperties: false,
        properties: {
          expression: { type: 'string', minLength: 1 },
          message: { type: 'string', minLength: 1 },
          messageExpression: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1 },
          forEach: { enum: ['containers'] },
        },
      },
    },
  },
} as const;
