import { defineRule } from '../../src/engine/rule.js';
import { isImageReference, isTemplated, parseImageRef } from '../_lib/image.js';
import { judgedImages } from '../_lib/kustomized-image.js';

export default defineRule({
  meta: {
    id: 'image-not-pinned-by-digest',
    title: 'Container image not pinned by digest',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['CKV_K8S_43'],
    rationale:
      'A tag is a pointer that whoever can push to the repository can move, including an attacker with stolen registry credentials: the next pod start then runs their image. A digest names exactly one image and cannot be changed, so what was reviewed is what runs. Opt-in (on in the `strict` preset): it needs tooling (Renovate, Dependabot, kustomize `images:`) to keep digests up to date.',
    remediation:
      'Reference images as `name:tag@sha256:<digest>` (the tag stays for humans; the digest wins). Templated references and text that is not an image reference are not judged; images without any tag or with `latest` are reported by unpinned-image as well. A `digest` set by the `images:` field of a kustomization that includes the file (or of an overlay above it) counts as the pin.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.2\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.2@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const image = container.image;
      if (!image || isTemplated(image)) return;
      // A kustomization's `images:` digest covers the files it includes: judge what each build runs.
      const judged = judgedImages(container).find(
        (j) => !isTemplated(j.image) && isImageReference(j.image) && !parseImageRef(j.image).digest,
      );
      if (!judged) return;
      ctx.report({
        at: container.node.get('image')!,
        message: `container "${container.name}" image "${image}"${judged.via} is not pinned by digest; append @sha256:<digest>`,
      });
    },
  },
});
