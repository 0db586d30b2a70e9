import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'secret-in-env-var',
    title: 'Secret exposed to a container as an environment variable',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['read-secret-from-env-var', 'CKV_K8S_35'],
    rationale:
      'Environment variables leak more easily than files: they are inherited by every child process, printed by crash reports, debug endpoints and `env` in a shell, visible in `/proc/<pid>/environ`, and they never change when the Secret is rotated (the pod must restart). The CIS Kubernetes Benchmark (5.4.1) prefers Secrets mounted as files. Opt-in: many applications only read their configuration from the environment.',
    remediation:
      'Mount the Secret as a volume (`volumes[].secret`, read-only) and point the application at the file (many support `*_FILE` variables), instead of `env[].valueFrom.secretKeyRef` or `envFrom[].secretRef`.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db/password\n      volumeMounts:\n        - name: db\n          mountPath: /run/secrets/db\n          readOnly: true\n  volumes:\n    - name: db\n      secret:\n        secretName: db\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const item of container.node.get('env')?.items() ?? []) {
        const ref = item.at('valueFrom', 'secretKeyRef');
        if (!ref) continue;
        const name = item.get('name')?.value;
        ctx.report({
          at: ref,
          message: `container "${container.name}" reads Secret data into the environment variable ${String(name)}; mount the Secret as a file instead`,
        });
      }
      for (const item of container.node.get('envFrom')?.items() ?? []) {
        const ref = item.get('secretRef');
        if (ref)
          ctx.report({
            at: ref,
            message: `container "${container.name}" loads a whole Secret into its environment; mount it as a file instead`,
          });
      }
    },
  },
});
