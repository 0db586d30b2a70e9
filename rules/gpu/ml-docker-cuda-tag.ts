import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { ModelNode } from '../../src/model/node.js';
import { cudaRelease, parseCudaImageTag, REMOVED_PATCH_TAGS } from '../_lib/cuda.js';
import { isCudaImageRepository } from '../_lib/cuda-images.js';
import { isImageReference, isTemplated, parseImageRef } from '../_lib/image.js';

function judge(reference: string, at: ModelNode, where: string, ctx: RuleContext): void {
  if (isTemplated(reference) || !isImageReference(reference) || !isCudaImageRepository(reference)) return;
  const ref = parseImageRef(reference);
  const tag = ref.tag;
  // No tag or `latest` (which nvidia/cuda does not publish) is unpinned-image's finding.
  if (!tag || tag.toLowerCase() === 'latest') return;
  const parsed = parseCudaImageTag(tag);
  if (!parsed) {
    ctx.report({ at, message: `${where} "${reference}": "${tag}" is not an nvidia/cuda tag (<version>-[cudnn-]<base|runtime|devel>-<os>, e.g. 12.4.1-runtime-ubuntu22.04); the pull fails` });
    return;
  }
  const major = Number(parsed.cuda.split('.')[0]);
  const release = cudaRelease(parsed.cuda);
  const removed = major < 10 || release?.imageTagsRemoved === true || REMOVED_PATCH_TAGS.includes(parsed.cuda);
  if (!removed) return;
  ctx.report({
    at,
    severity: 'warning',
    message: `${where} "${reference}": NVIDIA deleted the CUDA ${parsed.cuda} image tags under its support policy (six months after end of life), so the pull fails with "manifest unknown" unless a mirror still has them: move to a supported CUDA release`,
  });
}

export default defineRule({
  meta: {
    id: 'ml-docker-cuda-tag',
    title: 'nvidia/cuda image tag that does not exist or was deleted',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'Every `nvidia/cuda` tag has the shape `<CUDA version>-[cudnn-]<base|runtime|devel>-<OS>` (`12.4.1-cudnn-runtime-ubuntu22.04`); there is no `latest`, `12` or `cuda12` tag, so such a FROM or image fails to pull (reported as an error). NVIDIA\'s support policy for the CUDA containers also deletes the tags of a release from Docker Hub and NGC six months after its end of life: builds pinned to CUDA 10.x, 11.0–11.7 or 12.2.0 broke overnight with "manifest unknown" (pytorch/builder, CuPy and conda-forge reports). Those are reported as warnings, because a private mirror may still hold them.',
    remediation: 'Use a tag from NVIDIA\'s supported-tags list, e.g. `nvidia/cuda:12.4.1-runtime-ubuntu22.04`; when a release reaches end of life, move to a newer one (or mirror the image you depend on).',
    examples: [
      { lang: 'dockerfile', bad: 'FROM nvidia/cuda:11.4.0-runtime-ubuntu20.04\n', good: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n' },
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: smoke\nspec:\n  containers:\n    - name: smoke\n      image: nvidia/cuda:12-base\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: smoke\nspec:\n  containers:\n    - name: smoke\n      image: nvidia/cuda:12.4.1-base-ubuntu22.04\n',
      },
    ],
    references: ['https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/support-policy.md', 'https://hub.docker.com/r/nvidia/cuda', 'https://github.com/pytorch/builder/issues/1446'],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx) => {
      if (stage.parent || !stage.image.fullyResolved) return;
      judge(stage.image.resolved, stage.image, 'FROM', ctx);
    },
    'k8s:container': (container, ctx) => {
      const image = container.node.get('image');
      if (container.image && image) judge(container.image, image, `container "${container.name}" image`, ctx);
    },
  },
});
