import { defineRule } from '../../src/engine/rule.js';
import { describeService, literalOf } from '../_lib/compose-service.js';
import { isMapping } from '../../src/model/k8s.js';
import { isPlausibleSecretValue, secretNameWord, secretShapeOf } from '../_lib/env.js';

export default defineRule({
  meta: {
    id: 'env-literal-secret',
    title: 'Secret written as a literal environment variable value',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['env-var-secret', 'sensitiveContainerEnvVar'],
    rationale:
      'A password, token or API key written in a manifest is readable by everyone who can read the repository, the rendered chart, the object in the cluster (`kubectl get -o yaml` needs no access to Secrets) and every log of a CI run. It cannot be rotated without a commit and leaks with every fork. Docker Compose: `environment` entries (list or map) and `build.args` whose literal value looks like a credential, or whose name says secret and whose value is plausible; `${VAR}` and `${VAR:-default}` are never literal values. Build args end up in the image history.',
    remediation:
      'Store the value in a Secret (or an external secret manager synced into one) and reference it with `valueFrom.secretKeyRef`, or mount the Secret as a file. Reported: a literal `value` under a name ending in a secret word (password, passwd, pwd, passphrase, secret, token, apikey, credential(s), private key, `<api|secret|private|access|client|signing|…>_key`), and any value that has the shape of a vendor credential (`AKIA…`, `ghp_…`, `github_pat_…`, `glpat-…`, `hf_…`, `sk-…`, `sk-ant-…`, `xox?-…`, `AIza…`, `npm_…`, private-key headers). Not reported: empty values, booleans, numbers, placeholders (`<your-token>`, `changeme`, `xxx`), templated values (`${VAR}`, `$(VAR)`, `{{ … }}`), paths and URLs without credentials, and names that say the value is something else (`TOKEN_PATH`, `KEY_FILE`, `PUBLIC_KEY`, `SECRET_NAME`, `ACCESS_KEY_ID`).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: DB_PASSWORD\n          value: hunter2\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const item of container.node.get('env')?.items() ?? []) {
        if (!isMapping(item.value) || typeof item.value.name !== 'string') continue;
        const valueNode = item.get('value');
        if (!valueNode || typeof valueNode.value !== 'string') continue;
        const name = item.value.name;
        const shape = secretShapeOf(valueNode.value);
        if (shape) {
          ctx.report({
            at: valueNode,
            message: `container "${container.name}" sets ${name} to what looks like ${shape}; move it to a Secret and use valueFrom.secretKeyRef`,
          });
          continue;
        }
        const word = secretNameWord(name);
        if (word && isPlausibleSecretValue(valueNode.value, name)) {
          ctx.report({
            at: valueNode,
            message: `container "${container.name}" sets ${name} to a literal value, and the name says it is a secret ("${word}"); move it to a Secret and use valueFrom.secretKeyRef`,
          });
        }
      }
    },
    'compose:service': (service, ctx) => {
      const vars = [
        ...service.environment.map((v) => ({
          v,
          where: 'environment',
          fix: 'use a `secrets:` entry or an env_file kept out of version control',
        })),
        ...(service.build?.args ?? []).map((v) => ({ v, where: 'build arg', fix: 'pass it as a build secret (`build.secrets`) instead' })),
      ];
      for (const { v, where, fix } of vars) {
        // `${VAR}` (and `${VAR:-default}`) is never a literal value: the secret comes from the shell or .env.
        const value = literalOf(v.value);
        if (!value) continue;
        const shape = secretShapeOf(value.text);
        const word = shape ? undefined : secretNameWord(v.name);
        if (!shape && !(word && isPlausibleSecretValue(value.text, v.name))) continue;
        ctx.report({
          at: v.node,
          message: shape
            ? `${describeService(service)} sets the ${where} ${v.name} to what looks like ${shape}; ${fix}, or \${${v.name}} from the environment`
            : `${describeService(service)} sets the ${where} ${v.name} to a literal value, and the name says it is a secret ("${word}"); ${fix}, or \${${v.name}} from the environment`,
        });
      }
    },
  },
});
