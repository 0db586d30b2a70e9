import { defineRule } from '../../src/engine/rule.js';
import { describeService, literalOf } from '../_lib/compose-service.js';
import { isImageReference, isTemplated, unpinnedReason } from '../_lib/image.js';
import { judgedImages } from '../_lib/kustomized-image.js';

export default defineRule({
  meta: {
    id: 'unpinned-image',
    title: 'Image without a tag or with the "latest" tag',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'DL3006',
      'DL3007',
      'latest-tag',
      'CKV_K8S_14',
      'CKV_DOCKER_7',
      'KSV013',
      'DS001',
      'tagNotSpecified',
      'container-image-tag',
      'service-image-require-explicit-tag',
    ],
    rationale:
      'An image without a tag means `latest`, and `latest` moves: the same Dockerfile or manifest builds or runs different software from one day to the next, rollbacks do not roll back, and nodes with a cached copy run something else than fresh nodes. Docker Compose: a service `image:` without a tag or with `latest`; an image that holds a variable (`ollama/ollama:${TAG}`) is never judged, as the tag is unknown, nor is the image name of a service that builds it (or that runs what another service builds).',
    remediation:
      "Pin a version tag (`nginx:1.27.2`), or better a digest (`nginx:1.27.2@sha256:…`), in the manifest or with the `images:` field (`newTag`, `digest`) of a kustomization that includes it: a pin in a kustomization covers the files it names and the bases it includes, and an overlay's pin covers its bases. Build stages referenced by name (`FROM build`), `scratch`, images whose reference comes from a build argument without a default, and text that is not an image reference at all (placeholders such as `FILLED BY THE OPERATOR`, `ko://…` build references) are not judged.",
    examples: [
      { lang: 'dockerfile', bad: 'FROM ubuntu\nRUN echo hi\n', good: 'FROM ubuntu:24.04\nRUN echo hi\n' },
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.2\n',
      },
    ],
    references: [
      'https://docs.docker.com/build/building/best-practices/#from',
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    ],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx) => {
      const image = stage.image;
      if (stage.parent || image.resolved.toLowerCase() === 'scratch' || !image.fullyResolved || !isImageReference(image.resolved)) return;
      const reason = unpinnedReason(image.resolved);
      if (!reason) return;
      const shown = image.written === image.resolved ? `"${image.written}"` : `"${image.written}" (resolved to "${image.resolved}")`;
      ctx.report({ at: image, message: `FROM image ${shown} ${reason}` });
    },
    'k8s:container': (container, ctx) => {
      const image = container.image;
      if (!image || isTemplated(image)) return;
      // A kustomization's `images:` pin covers the files it includes: judge what each build runs.
      for (const judged of judgedImages(container)) {
        if (isTemplated(judged.image) || !isImageReference(judged.image)) continue;
        const reason = unpinnedReason(judged.image);
        if (!reason) continue;
        ctx.report({ at: container.node.get('image')!, message: `container "${container.name}" image "${image}"${judged.via} ${reason}` });
        return;
      }
    },
    'compose:service': (service, ctx, model) => {
      // With `build:`, or when another service builds it, the name tags a local build: nothing is pulled.
      if (service.build || model.services.some((s) => s.build && s.image?.text === service.image?.text)) return;
      // A variable anywhere in the reference (`ollama/ollama:${TAG}`) leaves the tag unknown.
      const image = literalOf(service.image);
      if (!image || !isImageReference(image.text)) return;
      const reason = unpinnedReason(image.text);
      if (reason) ctx.report({ at: image.node, message: `${describeService(service)} image "${image.text}" ${reason}` });
    },
  },
});
