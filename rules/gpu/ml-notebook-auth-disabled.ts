import { defineRule } from '../../src/engine/rule.js';
import type { Container, KNode } from '../../src/model/k8s.js';
import type { RuleContext } from '../../src/engine/rule.js';
import { envValue } from '../_lib/accelerators.js';
import { objectIndex } from '../_lib/object-index.js';
import { externalExposures, type Exposure } from './_lib/exposure.js';

/** `--ServerApp.token=''`, `--NotebookApp.token=""`, `--IdentityProvider.token=` (also inside a `sh -c` script). */
const EMPTY_TOKEN = /--(?:ServerApp|NotebookApp|IdentityProvider)\.token(?:=|\s+)(?:''|""|\\'\\'|\\"\\"|(?=\s|$))/;
/** `--ServerApp.password=argon2:…` / `sha1:…`: a password login replaces the token. */
const PASSWORD_SET = /--(?:ServerApp|NotebookApp|PasswordIdentityProvider)\.(?:password|hashed_password)(?:=|\s+)['"]?[^'"\s]+/;

function argumentNodes(container: KNode): KNode[] {
  return ['command', 'args'].flatMap((key) => container.get(key)?.items() ?? []);
}

export default defineRule({
  meta: {
    id: 'ml-notebook-auth-disabled',
    title: 'Jupyter server started with token authentication turned off',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      "Jupyter's security documentation is blunt: whoever can reach a notebook server can run arbitrary code as its user, which is why the server generates a token by default. An empty `--ServerApp.token` (`--NotebookApp.token` in classic Notebook, `--IdentityProvider.token` in Jupyter Server 2) or an empty `JUPYTER_TOKEN` without a password turns authentication off, so anyone who reaches the pod — through a Service, a port-forward or another pod in the cluster — gets a shell with the pod's GPUs, service account and mounted data. Kubeflow `Notebook` resources start servers this way on purpose, behind Kubeflow's authenticating proxy; they are reported as info. A notebook that a LoadBalancer or NodePort Service, or an Ingress, exposes outside the cluster is reported as an error, whatever its kind.",
    remediation:
      'Remove the empty token and let Jupyter generate one, or pass it from a Secret (`JUPYTER_TOKEN` with `valueFrom.secretKeyRef`), or set a hashed password; put an authenticating proxy (oauth2-proxy, JupyterHub) in front when many users share the server.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lab\nspec:\n  containers:\n    - name: lab\n      image: quay.io/jupyter/pytorch-notebook:2024-10-07\n      args: ["start-notebook.py", "--ServerApp.token="]\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lab\nspec:\n  containers:\n    - name: lab\n      image: quay.io/jupyter/pytorch-notebook:2024-10-07\n      args: ["start-notebook.py"]\n      env:\n        - name: JUPYTER_TOKEN\n          valueFrom:\n            secretKeyRef:\n              name: lab-token\n              key: token\n',
      },
    ],
    references: [
      'https://jupyter-server.readthedocs.io/en/latest/operators/security.html',
      'https://jupyter-docker-stacks.readthedocs.io/en/latest/using/common.html',
      'https://www.kubeflow.org/docs/components/notebooks/',
    ],
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const exposed = externalExposures(objectIndex(objects, workloads));
      for (const workload of workloads) for (const container of workload.containers) check(container, ctx, exposed.get(workload)?.[0]);
    },
  },
});

/** Reports an empty token; an error when a LoadBalancer/NodePort Service or an Ingress exposes the pod, info for a Kubeflow Notebook that is not exposed. */
function check(container: Container, ctx: RuleContext, exposure: Exposure | undefined): void {
  if (container.type === 'init') return;
  const args = argumentNodes(container.node);
  const texts = args.map((n) => (typeof n.value === 'string' ? n.value : ''));
  const joined = texts.join(' ');
  if (PASSWORD_SET.test(joined)) return;
  const notebook = container.workload.object.kind === 'Notebook';
  const severity = exposure ? ('error' as const) : notebook ? ('info' as const) : undefined;
  const behind = exposure
    ? ` and ${exposure.via} exposes it outside the cluster`
    : notebook
      ? ' (a Kubeflow Notebook: make sure the authenticating proxy is the only way in)'
      : '';
  const index = texts.findIndex(
    (t, i) => EMPTY_TOKEN.test(t) || (/^--(?:ServerApp|NotebookApp|IdentityProvider)\.token$/.test(t) && texts[i + 1] === ''),
  );
  const arg = args[index];
  if (arg) {
    ctx.report({
      at: arg,
      severity,
      message: `container "${container.name}" starts Jupyter with an empty token, so anyone who reaches it can run code in the pod${behind}: remove the empty token or pass one from a Secret`,
    });
    return;
  }
  const token = envValue(container, 'JUPYTER_TOKEN');
  if (token && token.value === '') {
    ctx.report({
      at: token.node,
      severity,
      message: `container "${container.name}" sets JUPYTER_TOKEN to an empty value, which turns Jupyter's authentication off${behind}: take the token from a Secret`,
    });
  }
}
