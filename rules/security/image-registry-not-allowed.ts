import { defineRule } from '../../src/engine/rule.js';
import { isImageReference, isTemplated, parseImageRef } from '../_lib/image.js';
import { wildcardMatch } from '../_lib/wildcard.js';

const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

export default defineRule({
  meta: {
    id: 'image-registry-not-allowed',
    title: 'Container image from a registry not in the allowed list',
    severity: 'error',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['KSV125'],
    rationale:
      'Many organisations run only images from registries they control or mirror, where images are scanned, signed and kept available. An image from anywhere else bypasses that review and may disappear or change upstream. Does nothing until `allowedRegistries` is configured.',
    remediation:
      'Pull the image through an allowed registry (a mirror or pull-through cache), or add its registry to `allowedRegistries` (`registry.example.com`, `*.dkr.ecr.*.amazonaws.com`; a `*` matches any characters; Docker Hub images without a registry are `docker.io`). Templated references and text that is not an image reference are not judged. The Dockerfile counterpart is untrusted-registry.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: quay.io/example/web:1.4\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/example/web:1.4\n',
        options: { allowedRegistries: ['registry.example.com'] },
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/containers/images/'],
    options: {
      schema: {
        type: 'object',
        properties: {
          allowedRegistries: {
            type: 'array',
            items: { type: 'string' },
            description:
              'Registries container images may come from (`registry.example.com`, `*.gcr.io`, `docker.io`); empty: the rule is off.',
          },
        },
        additionalProperties: false,
      },
      defaults: { allowedRegistries: [] },
    },
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const allowed = (ctx.options.allowedRegistries as string[] | undefined) ?? [];
      const image = container.image;
      if (allowed.length === 0 || !image || isTemplated(image) || !isImageReference(image)) return;
      const registry = (parseImageRef(image).registry ?? 'docker.io').toLowerCase();
      const names = DOCKER_HUB.includes(registry) ? DOCKER_HUB : [registry];
      const patterns = allowed.map((a) => a.toLowerCase());
      if (names.some((n) => patterns.some((p) => wildcardMatch(p, n)))) return;
      ctx.report({
        at: container.node.get('image')!,
        message: `container "${container.name}" image "${image}" comes from ${registry}, which is not in allowedRegistries`,
      });
    },
  },
});
