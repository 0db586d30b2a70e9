import { defineRule } from '../../src/engine/rule.js';
import { isMapping } from '../../src/model/k8s.js';

export default defineRule({
  meta: {
    id: 'duplicate-env-var',
    title: 'Environment variable defined twice in one container',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['duplicate-env-var', 'environment-variable-key-duplication'],
    rationale:
      'When a container lists the same variable twice under `env`, the last entry wins silently. The first one looks like configuration but does nothing, and a later edit to it has no effect; with server-side apply, the duplicate key can also make patches fail.',
    remediation:
      'Keep one entry per name and delete the others. Variables that `envFrom` brings in and an `env` entry overrides are not reported: that override is the documented way to change one key of a ConfigMap.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: LOG_LEVEL\n          value: info\n        - name: LOG_LEVEL\n          value: debug\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: LOG_LEVEL\n          value: debug\n',
      },
    ],
    references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/'],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      const firstLine = new Map<string, number>();
      for (const item of container.node.get('env')?.items() ?? []) {
        if (!isMapping(item.value) || typeof item.value.name !== 'string') continue;
        const name = item.value.name;
        const nameNode = item.get('name')!;
        const earlier = firstLine.get(name);
        if (earlier === undefined) {
          firstLine.set(name, nameNode.span.line);
          continue;
        }
        ctx.report({
          at: nameNode,
          message: `container "${container.name}" defines ${name} again (first on line ${earlier}); the last definition wins, remove the other`,
        });
      }
    },
  },
});
