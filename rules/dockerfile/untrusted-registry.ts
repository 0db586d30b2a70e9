import { defineRule } from '../../src/engine/rule.js';
import type { ModelNode } from '../../src/model/node.js';
import { parseImageRef } from '../_lib/image.js';
import { wildcardMatch } from '../_lib/wildcard.js';

export default defineRule({
  meta: {
    id: 'untrusted-registry',
    title: 'Image pulled from a registry not in the trusted list',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3026'],
    rationale:
      'Organisations often allow base images only from registries they control or vet. An image from elsewhere bypasses that review. The rule checks FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`; without a trusted list it does nothing.',
    remediation:
      "Pull the image through a trusted registry (a mirror or proxy), or add the registry to the list: the `trustedRegistries` option or the top-level `trustedRegistries:` key of .k8slint.yaml (hadolint's format; `*.gcr.io` and `my.reg*` wildcards work; Docker Hub is `docker.io`). Stage references, `scratch` and images named by unresolved variables are not reported.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM quay.io/prometheus/busybox:1.36\n',
        good: 'FROM registry.example.com/base/debian:12\n',
        options: { trustedRegistries: ['registry.example.com'] },
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3026'],
    options: {
      schema: {
        type: 'object',
        properties: {
          trustedRegistries: {
            type: 'array',
            items: { type: 'string' },
            description: 'Registries images may come from (`docker.io`, `*.gcr.io`, `my.reg*`); empty: the rule is off.',
          },
        },
        additionalProperties: false,
      },
      defaults: { trustedRegistries: [] },
    },
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const trusted = (ctx.options.trustedRegistries as string[] | undefined) ?? [];
      if (trusted.length === 0) return;
      const patterns = trusted.map((t) => t.toLowerCase());
      const stageNames = new Set(model.stages.flatMap((s) => (s.name ? [s.name] : [])));
      const check = (image: string, at: ModelNode, where: string): void => {
        if (
          !image ||
          image.includes('$') ||
          image.toLowerCase() === 'scratch' ||
          stageNames.has(image.toLowerCase()) ||
          /^\d+$/.test(image)
        )
          return;
        const registry = (parseImageRef(image).registry ?? 'docker.io').toLowerCase();
        const names =
          registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io'
            ? ['docker.io', 'index.docker.io', 'hub.docker.com', registry]
            : [registry];
        if (names.some((n) => patterns.some((p) => wildcardMatch(p, n)))) return;
        ctx.report({ at, message: `${where} image "${image}" comes from ${registry}, which is not a trusted registry` });
      };
      for (const stage of model.stages)
        if (!stage.parent) check(stage.image.fullyResolved ? stage.image.resolved : '$', stage.image, 'FROM');
      for (const inst of model.instructions) {
        if (inst.onbuild) continue;
        if (inst.keyword === 'COPY') {
          const from = inst.flags.find((f) => f.name === 'from' && f.value);
          if (from && /[:/@.]/.test(from.value!)) check(from.value!, from, 'COPY --from');
        }
        if (inst.keyword === 'RUN') {
          for (const flag of inst.flags.filter((f) => f.name === 'mount' && f.value)) {
            const from = /(?:^|,)from=([^,]+)/.exec(flag.value!)?.[1];
            if (from && /[:/@.]/.test(from)) check(from, flag, 'RUN --mount');
          }
        }
      }
    },
  },
});
