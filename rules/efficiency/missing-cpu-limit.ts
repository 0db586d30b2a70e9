import { defineRule } from '../../src/engine/rule.js';
import { describeService } from '../_lib/compose-service.js';
import { isUnsetQuantity, judgedForResources, limitRangeDefaultsFor, resourceOf } from '../_lib/resources.js';

export default defineRule({
  meta: {
    id: 'missing-cpu-limit',
    title: 'Container without a CPU limit',
    severity: 'warning',
    category: 'efficiency',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['cpuLimitsMissing', 'CKV_K8S_11', 'KSV011', '6b610c50-99fb-4ef0-a5f3-e312fd945bc3'],
    rationale:
      'Without a CPU limit a container may use every idle core of its node, and a busy loop in one pod slows its neighbours down to their requests. Some teams require limits for predictability or chargeback. Opt-in: CPU limits are contentious, since CFS throttling can add latency even when the node is idle, and many operators rely on requests alone. Docker Compose (with the option `compose: true`): a service without `deploy.resources.limits.cpus`, `cpus` or `cpu_quota` (override files and `extends` services are not judged). Difference from KICS (Cpus Not Limited): a service with an empty `deploy:` is reported once, at `deploy:` (the deepest part of the path that exists); KICS reports both the service and `deploy:`.',
    remediation:
      'Set `resources.limits.cpu`, or let a LimitRange of the namespace supply a default (a LimitRange among the linted files with a `default` or `max` cpu for containers counts). Ephemeral containers and kustomize patches are not judged.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 100m, memory: 128Mi}\n        limits: {cpu: 500m, memory: 256Mi}\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/cpu-default-namespace/',
      'https://docs.docker.com/reference/compose-file/deploy/#resources',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          compose: {
            type: 'boolean',
            description:
              'Also judge Docker Compose services (off by default: none of the real-file corpus sets a CPU limit, and a single host usually runs its services without).',
          },
        },
        additionalProperties: false,
      },
      defaults: { compose: false },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const defaultsFor = limitRangeDefaultsFor(objects);
      for (const workload of workloads) {
        if (defaultsFor(workload).limits.has('cpu')) continue;
        for (const container of workload.containers) {
          if (!judgedForResources(container) || !isUnsetQuantity(resourceOf(container, 'limits', 'cpu'))) continue;
          ctx.reportMissing(container.node, ['resources', 'limits', 'cpu'], `container "${container.name}" has no CPU limit`);
        }
      }
    },
    'compose:service': (service, ctx, model) => {
      // An override or an extending service may get its limit from the file it is merged with.
      if (ctx.options.compose !== true || model.partial || service.extends) return;
      if (service.deploy.limits?.get('cpus') || service.node.get('cpus') || service.node.get('cpu_quota')) return;
      ctx.reportMissing(
        service.node,
        ['deploy', 'resources', 'limits', 'cpus'],
        `${describeService(service)} has no CPU limit; set deploy.resources.limits.cpus (or cpus)`,
      );
    },
  },
});
