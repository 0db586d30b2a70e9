import { defineRule } from '../../src/engine/rule.js';
import { flagOf } from '../_lib/dockerfile.js';
import { parseImageRef } from '../_lib/image.js';

/** Docker Official Images publish each architecture under its own namespace (`arm64v8/alpine`). */
const ARCH_NAMESPACES: Record<string, string> = {
  amd64: 'linux/amd64',
  arm64v8: 'linux/arm64',
  arm32v7: 'linux/arm/v7',
  arm32v6: 'linux/arm/v6',
  arm32v5: 'linux/arm/v5',
  i386: 'linux/386',
  ppc64le: 'linux/ppc64le',
  s390x: 'linux/s390x',
  riscv64: 'linux/riscv64',
  mips64le: 'linux/mips64le',
};

export default defineRule({
  meta: {
    id: 'invalid-base-image-platform',
    title: 'FROM --platform names a platform the base image is not built for',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['InvalidBaseImagePlatform'],
    rationale:
      'A stage pinned to one platform with `--platform` on an image published for another architecture cannot run natively: the build pulls a mismatching image (BuildKit warns "base image platform does not match") and runs it under emulation, or fails with `exec format error`.',
    remediation:
      'Use the multi-architecture image (`alpine:3.20`) and let `--platform` pick the variant, or make the namespace and the platform agree. BuildKit checks the platform of the image it pulled; k8slint does not pull images, so it judges only what the reference itself says: the per-architecture namespaces of the Docker Official Images (`amd64/`, `arm64v8/`, `arm32v7/`, `i386/`, `ppc64le/`, `s390x/`…) against a constant `--platform`.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM --platform=linux/arm64 amd64/alpine:3.20 AS tools-arm64\n',
        good: 'FROM --platform=linux/arm64 arm64v8/alpine:3.20 AS tools-arm64\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/build-checks/',
      'https://github.com/docker-library/official-images#architectures-other-than-amd64',
    ],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx) => {
      const flag = flagOf(stage.from, 'platform');
      if (!flag?.value || flag.value.includes('$') || stage.parent || !stage.image.fullyResolved) return;
      const ref = parseImageRef(stage.image.resolved);
      if (ref.registry && ref.registry !== 'docker.io') return;
      const namespace = ref.repository.split('/', 1)[0] ?? '';
      const published = ARCH_NAMESPACES[namespace];
      const wanted = normalisePlatform(flag.value);
      if (!published || ref.repository.split('/').length !== 2 || published === wanted) return;
      ctx.report({
        at: stage.image,
        message: `FROM --platform=${flag.value} uses "${stage.image.resolved}", which is published for ${published}`,
      });
    },
  },
});

/** `linux/arm64/v8` and `linux/arm64` are one platform; so are `linux/arm` and `linux/arm/v7`. */
function normalisePlatform(platform: string): string {
  const p = platform.toLowerCase();
  if (p === 'linux/arm64/v8') return 'linux/arm64';
  if (p === 'linux/arm') return 'linux/arm/v7';
  return p;
}
