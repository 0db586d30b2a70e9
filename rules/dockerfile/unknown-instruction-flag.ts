import { defineRule } from '../../src/engine/rule.js';
import { closest } from '../../src/util/closest.js';

/** Values BuildKit accepts for RUN flags; anything else fails the build. */
const FLAG_VALUES: Record<string, string[]> = {
  network: ['default', 'none', 'host'],
  security: ['sandbox', 'insecure'],
};
const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const MOUNT_KEYS = [
  'type',
  'id',
  'target',
  'dst',
  'destination',
  'source',
  'src',
  'from',
  'readonly',
  'ro',
  'readwrite',
  'rw',
  'required',
  'sharing',
  'mode',
  'uid',
  'gid',
  'size',
  'env',
];

/** Flags of the current Dockerfile frontend (1.x, labs flags included). */
const FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export default defineRule({
  meta: {
    id: 'unknown-instruction-flag',
    title: 'Unknown flag, flag value or mount option on an instruction',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'The builder rejects a flag it does not know (`COPY --chmown`, `RUN --mnt`), a `RUN --mount` type or `--network`/`--security` value it does not know (`type=cahce`, `--network=off`), so the build fails. k8slint reports the flag and goes on linting the rest of the file, instead of refusing the whole file as hadolint does with new BuildKit syntax.',
    remediation:
      'Fix the spelling (the message suggests the closest flag of the instruction). If the flag is new in BuildKit and k8slint does not know it yet, raise the `# syntax=` frontend version and report it to k8slint; disable this rule for the line meanwhile.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM alpine:3.20\nCOPY --chmown=app:app app /app\n',
        good: 'FROM alpine:3.20\nCOPY --chown=app:app app /app\n',
      },
    ],
    references: ['https://docs.docker.com/reference/dockerfile/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const instruction of model.instructions) {
        const known = FLAGS[instruction.keyword];
        if (!known) continue;
        for (const flag of instruction.flags) {
          if (known.includes(flag.name)) continue;
          const suggestion = closest(flag.name, known);
          ctx.report({
            at: flag,
            message: `${instruction.keyword} has no flag "--${flag.name}"${suggestion ? ` (did you mean "--${suggestion}"?)` : ''}`,
          });
        }
        if (instruction.keyword !== 'RUN') continue;
        for (const flag of instruction.flags) {
          const allowed = FLAG_VALUES[flag.name];
          if (!allowed || flag.value === undefined || flag.value.includes('$') || allowed.includes(flag.value)) continue;
          const suggestion = closest(flag.value, allowed);
          ctx.report({
            at: flag,
            message: `RUN --${flag.name} does not accept "${flag.value}" (${allowed.join(', ')})${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          });
        }
        for (const options of instruction.flags.filter((f) => f.name === 'mount').map((f) => f.options)) {
          for (const option of options) {
            if (
              option.name === 'type' &&
              option.value !== undefined &&
              !option.value.includes('$') &&
              !MOUNT_TYPES.includes(option.value)
            ) {
              const suggestion = closest(option.value, MOUNT_TYPES);
              ctx.report({
                at: option.valueNode ?? option.nameNode,
                message: `RUN --mount type "${option.value}" is not one of ${MOUNT_TYPES.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
              });
            }
            // Only likely typos of known keys: BuildKit adds mount keys from time to time.
            const key = option.name.toLowerCase();
            const suggestion = MOUNT_KEYS.includes(key) || key.includes('$') ? undefined : closest(key, MOUNT_KEYS);
            if (suggestion)
              ctx.report({ at: option.nameNode, message: `RUN --mount has no option "${option.name}" (did you mean "${suggestion}"?)` });
          }
        }
      }
    },
  },
});
