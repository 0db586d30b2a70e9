import { apiMigrationFix } from '../_lib/api-migrations.js';
import { defineRule } from '../../src/engine/rule.js';
import { judgeApi } from '../../src/schema/deprecations.js';

export default defineRule({
  meta: {
    id: 'removed-api',
    title: 'API version is no longer served by the target Kubernetes version',
    severity: 'error',
    category: 'schema',
    status: 'stable',
    since: '0.1.0',
    aliases: ['pluto-removed', 'K8S_REMOVED_APIVERSION', 'no-extensions-v1beta'],
    rationale:
      'Kubernetes removes beta API versions a few releases after their replacement: `kubectl apply` of `policy/v1beta1` PodDisruptionBudget or `extensions/v1beta1` Ingress fails on a 1.25 or 1.22 cluster with "no matches for kind". Judged against `--kubernetes-version` (default: the latest bundled release).',
    remediation:
      'Move to the replacement API version the message names and apply the field changes of the migration guide (for example, `networking.k8s.io/v1` Ingress needs `pathType` and `backend.service`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
        good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
      },
    ],
    fixable: 'safe',
    references: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/', 'https://github.com/FairwindsOps/pluto'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      const verdict = judgeApi(object.apiVersion, object.kind, ctx.kubernetesVersion);
      if (verdict?.status !== 'removed') return;
      const fix = apiMigrationFix(object);
      ctx.report({ at: object.node.get('apiVersion')!.valueOnly(), message: verdict.message, ...(fix && { fix }) });
    },
  },
});
