import { apiMigrationFix } from '../_lib/api-migrations.js';
import { defineRule } from '../../src/engine/rule.js';
import { judgeApi } from '../../src/schema/deprecations.js';

export default defineRule({
  meta: {
    id: 'deprecated-api',
    title: 'API version is deprecated in the target Kubernetes version',
    severity: 'warning',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['pluto-deprecated', 'K8S_DEPRECATED_APIVERSION', 'stable-version'],
    rationale:
      'A deprecated API version still works but will be removed in a later release; manifests that use it break on the upgrade that removes it. Judged against `--kubernetes-version` (default: the latest bundled release). cert-manager and Istio APIs have their own release numbers, which k8slint cannot know: their removed versions are reported here, as warnings, whatever the target.',
    remediation:
      'Move to the replacement API version the message names and apply the field changes of the migration guide. `kubectl convert` can rewrite many manifests.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: storage.k8s.io/v1beta1\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: pd.csi.storage.gke.io\n',
        good: 'apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata:\n  name: gold\ndriverName: pd.csi.storage.gke.io\n',
      },
    ],
    fixable: 'safe',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://github.com/FairwindsOps/pluto'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      const verdict = judgeApi(object.apiVersion, object.kind, ctx.kubernetesVersion);
      if (verdict?.status !== 'deprecated') return;
      const fix = apiMigrationFix(object);
      ctx.report({ at: object.node.get('apiVersion')!.valueOnly(), message: verdict.message, ...(fix && { fix }) });
    },
  },
});
