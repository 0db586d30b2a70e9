import { defineRule } from '../../src/engine/rule.js';
import { isImageReference, isTemplated, parseImageRef } from '../_lib/image.js';
import { judgedImages } from '../_lib/kustomized-image.js';

export default defineRule({
  meta: {
    id: 'mutable-tag-pull-policy',
    title: 'Image tag without a digest pulled only if not present',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['container-image-pull-policy', 'pullPolicyNotAlways', 'CKV_K8S_15'],
    rationale:
      'Tags can be pushed again. With `imagePullPolicy: IfNotPresent` (the default for any tag but `latest`), a node that already has the tag keeps running its old copy, while a new node pulls the new one: two pods of the same Deployment run different code. `Always` makes the kubelet check the registry (a cheap manifest request when nothing changed). Opt-in: with immutable tags in your registry this cannot happen.',
    remediation:
      'Pin the image by digest (`app:1.4.2@sha256:…`), which makes the pull policy irrelevant, or set `imagePullPolicy: Always`. `Never` (images preloaded on the nodes) is a deliberate choice and not reported, nor are images pinned by digest and templated or non-image references are not reported. A `digest` set by the `images:` field of a kustomization that includes the file (or of an overlay above it) counts as a pin by digest.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/web:1.4\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: registry.example.com/web:1.4\n      imagePullPolicy: Always\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const written = container.image;
      if (!written || isTemplated(written)) return;
      // A kustomization's `images:` digest covers the files it includes: judge what each build runs.
      const judged = judgedImages(container).find(
        (j) => !isTemplated(j.image) && isImageReference(j.image) && !parseImageRef(j.image).digest,
      );
      if (!judged) return;
      const image = judged.image;
      const policyNode = container.node.get('imagePullPolicy');
      const policy = policyNode?.value;
      if (policy === 'Always' || policy === 'Never' || (typeof policy === 'string' && /[{$]/.test(policy))) return;
      const tag = parseImageRef(image).tag;
      // Without a policy: `latest` or no tag defaults to Always, and a kustomize patch holds only what it changes.
      if (policyNode === undefined && (tag === undefined || tag === 'latest' || container.workload.object.partial)) return;
      if (policyNode) {
        ctx.report({
          at: policyNode,
          message: `container "${container.name}" pulls the mutable tag "${written}"${judged.via} with imagePullPolicy ${String(policy)}; nodes with an old copy keep running it. Pin a digest or use Always`,
        });
      } else {
        ctx.report({
          at: container.node.get('image')!,
          message: `container "${container.name}" image "${written}"${judged.via} is a mutable tag pulled only when absent (the default IfNotPresent); pin a digest or set imagePullPolicy: Always`,
        });
      }
    },
  },
});
