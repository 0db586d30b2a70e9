import type { Rule } from '../engine/rule.js';
import { PRESET_NAMES } from '../../rules/presets.js';
import { PLATFORMS } from '../../rules/_lib/accelerators.js';

const LEVEL = { enum: ['off', 'on', 'error', 'warning', 'info'] };

/** A plugin rule's id in `rules:` (`acme/team-label`). */
const PLUGIN_RULE_ID = '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$';

/**
 * JSON schema of .k8slint.yaml, derived from the rules' metadata (written to schemas/config.schema.json).
 * `anyPluginRule` (the published schema): any plugin rule id is a valid key of `rules:`, since an editor
 * cannot know the plugins; a run validates against the rules it loaded (false).
 */
export function configSchema(rules: readonly Rule[], { anyPluginRule = true } = {}): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    if (rule.meta.category === 'meta' && rule.meta.id === 'internal-error') continue;
    const options = rule.meta.options?.schema;
    ruleProperties[rule.meta.id] = {
      description: rule.meta.title,
      oneOf: [
        LEVEL,
        {
          type: 'object',
          additionalProperties: false,
          properties: { severity: LEVEL, ...(options ? { options } : {}) },
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/k8slint/k8slint/schemas/config.schema.json',
    title: 'k8slint configuration (.k8slint.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      failOn: { enum: ['error', 'warning', 'info', 'none'], description: 'Lowest severity that makes the run fail (exit 1).' },
      preset: {
        oneOf: [{ enum: [...PRESET_NAMES] }, { type: 'array', items: { enum: [...PRESET_NAMES] }, minItems: 1 }],
        description:
          'Base rule set (one preset or a list, merged in order): recommended (the default), strict (every stable rule, opt-in ones included), pss-baseline, pss-restricted (the Pod Security Standards as the admission controller of kubernetesVersion enforces them). `rules:` entries change it; --preset replaces it.',
      },
      accelerators: {
        type: 'object',
        additionalProperties: false,
        description: 'The accelerator catalogue of this cluster, for the GPU and AI rules.',
        properties: {
          extraResources: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Accelerator resource names the cluster advertises beyond the built-in catalogue (renamed or custom device plugins, e.g. `example.com/gpu`); passed to every rule with an `extraResources` option.',
          },
        },
      },
      platform: {
        enum: [...PLATFORMS],
        description:
          "The cluster's platform (gke, eks, aks or generic), whose node labels and taint conventions the GPU rules expect; passed to every rule with a `platform` option.",
      },
      kubernetesVersion: { type: 'string', pattern: '^v?\\d+\\.\\d+(\\.\\d+)?$', description: 'Kubernetes version the manifests target.' },
      namespace: {
        type: 'string',
        pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
        description:
          'Namespace of objects that set no `metadata.namespace`, as `kubectl apply -n` or `helm install --namespace` put them (default: `default`); cross-object rules compare namespaces with it. `--namespace` overrides it.',
      },
      limits: {
        type: 'object',
        description:
          'Budgets that bound what one input may cost; an input over a budget is an input error naming the file and the key that raises it.',
        properties: {
          maxFileBytes: { type: 'integer', minimum: 1, description: 'Bytes read from one file or from stdin (default 20 MiB).' },
          maxYamlNodes: {
            type: 'integer',
            minimum: 1,
            description: 'YAML nodes in one document, counted with aliases expanded (default 1,000,000).',
          },
          maxObjectsPerFile: {
            type: 'integer',
            minimum: 1,
            description: 'Kubernetes objects one file may produce after List flattening (default 100,000).',
          },
          maxDepth: { type: 'integer', minimum: 1, description: 'Nesting depth of one YAML or JSON document (default 200).' },
        },
        additionalProperties: false,
      },
      workers: {
        oneOf: [{ type: 'integer', minimum: 1, maximum: 999 }, { const: 'auto' }],
        description:
          'Threads that parse and lint (1: single-threaded); auto (the default) uses one per core, at most 4, with 4 cores or more on runs of 200 files or more. The report is the same either way.',
      },
      strictSchemas: {
        type: 'boolean',
        description:
          'A Kubernetes kind without a schema is an error (unknown-kind-schema at error severity), as kubeconform without -ignore-missing-schemas.',
      },
      ignorePaths: { type: 'array', items: { type: 'string' }, description: 'gitignore-style patterns of paths not to lint.' },
      allowEmpty: {
        type: 'boolean',
        description: 'A run that finds no file to lint exits 0 (it still says so on stderr) instead of 2, as --allow-empty.',
      },
      files: {
        type: 'object',
        additionalProperties: { enum: ['dockerfile', 'kubernetes', 'compose'] },
        description:
          'gitignore-style patterns (relative to the working directory) mapped to the type of the files they match, for names k8slint does not recognise (`Dockerfile-gpu`, `deploy/*.tmpl`); the last matching pattern wins.',
      },
      policies: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          'Files or folders (relative to this config file) of ValidatingAdmissionPolicies, their bindings and params, applied to the linted objects without being linted themselves, as --policy.',
      },
      baseline: {
        type: 'string',
        minLength: 1,
        description:
          'Baseline file (relative to this config file) of the findings a legacy repository already has: they are marked unchanged and only new findings fail the run. Write it with --update-baseline.',
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
        ...(anyPluginRule && {
          patternProperties: {
            [PLUGIN_RULE_ID]: {
              description: 'A rule of a plugin listed in `plugins:`.',
              oneOf: [LEVEL, { type: 'object', additionalProperties: false, properties: { severity: LEVEL, options: { type: 'object' } } }],
            },
          },
        }),
      },
      plugins: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          "npm packages whose rules this project runs (`acme` or `k8slint-plugin-acme` → rules `acme/<rule>`; `@acme` or `@acme/k8slint-plugin` → `acme/<rule>`), resolved from this file's folder, then the working directory. See docs/plugins.md.",
      },
      customRules: {
        type: 'array',
        items: { type: 'object' },
        description: 'Custom rules as data (the same fields as the files of `.k8slint/rules/`), checked by the custom-rule loader.',
      },
      // hadolint's .hadolint.yaml keys, accepted as they are so a team keeps its settings.
      trustedRegistries: {
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
        description: "Registries images may come from (hadolint's `trustedRegistries`); turns on untrusted-registry.",
      },
      'label-schema': {
        type: 'object',
        additionalProperties: { enum: ['text', 'url', 'hash', 'rfc3339', 'semver', 'spdx', 'email'] },
        description: "Required labels and their formats (hadolint's `label-schema`); used by the label-schema-* rules.",
      },
      'strict-labels': { type: 'boolean', description: "Report labels not in `label-schema` (hadolint's `strict-labels`)." },
      shellcheck: {
        type: 'boolean',
        description: 'Run ShellCheck on RUN scripts (the shellcheck rule; needs the shellcheck binary on PATH).',
      },
      ignores: {
        type: 'array',
        description:
          'Findings to drop without editing the files (third-party charts). Every field given must match; path, name, namespace and container are globs (`*`, `**`).',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'reason'],
          properties: {
            rule: {
              type: 'string',
              minLength: 1,
              description: "Rule id or a peer's alias (kube-linter, kube-score, Polaris, Checkov, Trivy, hadolint id).",
            },
            kind: { type: 'string', description: 'Object kind (Deployment), case-insensitive.' },
            name: { type: 'string', description: 'Object name (glob).' },
            namespace: { type: 'string', description: 'Object namespace as written in the file (glob); objects without one never match.' },
            path: {
              type: 'string',
              description: 'File path relative to the working directory (glob); a directory covers the files under it.',
            },
            container: { type: 'string', description: 'Container name (glob): only findings inside that container.' },
            reason: { type: 'string', minLength: 1, description: 'Why the findings are accepted.' },
          },
        },
      },
    },
  };
}
