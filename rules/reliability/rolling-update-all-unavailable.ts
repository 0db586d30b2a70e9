import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { isBuiltInObject } from '../_lib/workload.js';

/** Where each controller keeps its rolling update's maxUnavailable. */
const MAX_UNAVAILABLE: Record<string, string[]> = {
  Deployment: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
  DaemonSet: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'],
  StatefulSet: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'],
};

export default defineRule({
  meta: {
    id: 'rolling-update-all-unavailable',
    title: 'Rolling update may take every replica down at once',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A rolling update exists to keep the service up while pods are replaced. With `maxUnavailable: 100%`, or a number at least the replica count, the controller may stop every old pod before any new one is ready: each rollout is an outage, and a broken image takes everything down.',
    remediation:
      'Lower `maxUnavailable` (the default 25% keeps three quarters serving) and let `maxSurge` add new pods first. If downtime during updates is intended, say so with `strategy.type: Recreate`. A number is compared with `spec.replicas` only when replicas are set to 2 or more: with one replica, `maxUnavailable: 1` is the usual choice for pods that cannot run twice (a ReadWriteOnce volume).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 100%\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
        good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    rollingUpdate:\n      maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-unavailable'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      const path = MAX_UNAVAILABLE[object.kind];
      if (!path || !isBuiltInObject(object)) return;
      const node = object.node.at(...path);
      if (!node) return;
      const replicas =
        object.node.value.spec && typeof (object.node.value.spec as Record<string, unknown>).replicas === 'number'
          ? (object.node.value.spec as Record<string, number>).replicas
          : undefined;
      const reason = allDownReason(node, object.kind === 'DaemonSet' ? undefined : replicas);
      if (reason)
        ctx.report({
          at: node,
          message: `${object.kind} "${object.name ?? ''}" rolling update allows ${reason} to be unavailable at once; lower maxUnavailable`,
        });
    },
  },
});

function allDownReason(node: KNode, replicas: number | undefined): string | undefined {
  const value = node.value;
  if (typeof value === 'string') {
    const percent = /^(\d+)%$/.exec(value.trim());
    if (percent && Number(percent[1]) >= 100) return `${value} of the pods`;
    if (!/^\d+$/.test(value.trim())) return undefined;
  }
  const count = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (replicas !== undefined && replicas >= 2 && count >= replicas) return `${count} of its ${replicas} replicas`;
  return undefined;
}
