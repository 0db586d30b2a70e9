import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'compose-build-and-image',
    title: 'Service sets both `build` and `image` without a `pull_policy`',
    severity: 'warning',
    category: 'compose',
    status: 'preview',
    since: '0.1.0',
    aliases: ['no-build-and-image'],
    rationale:
      "With both `build:` and `image:`, `image` names the image Compose builds, but `docker compose up` first tries to pull that name: when a registry has an image of that name (an older build pushed by CI, or someone else's image of the same name), the service runs the pulled image and the local source is never built. Whether the service runs the code in the repository then depends on the registry, not on the file.",
    remediation:
      'Say what is meant: `pull_policy: build` to always build from the source (the image name only tags the result), `pull_policy: missing` (or `always`) to prefer the registry and build only when the image is missing; or drop `image:` when the name does not matter, or `build:` when the service should only run a published image.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:dev\n',
        good: 'services:\n  api:\n    build: ./api\n    image: ghcr.io/acme/api:dev\n    pull_policy: build\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/build/#using-build-and-image',
      'https://docs.docker.com/reference/compose-file/services/#pull_policy',
    ],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      if (!service.build || !service.image || service.pullPolicy) return;
      ctx.report({
        at: service.image.node,
        message: `service "${service.name}" sets both build and image without pull_policy: Compose pulls "${service.image.text}" first and builds only when the pull fails; set pull_policy: build (always build) or pull_policy: missing`,
      });
    },
  },
});
