import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { envValue } from '../_lib/accelerators.js';
import { containerSecurityContext, podSecurityContext } from '../_lib/security-context.js';
import { isNotebookContainer } from './_lib/notebooks.js';

const YES = /^(?:yes|1|true)$/i;

export default defineRule({
  meta: {
    id: 'ml-notebook-root',
    title: 'Notebook server run as root (runAsUser: 0, --allow-root or GRANT_SUDO)',
    severity: 'warning',
    category: 'gpu',
    status: 'stable',
    since: '0.2.0',
    aliases: ['AI-F33'],
    rationale:
      "A notebook is a remote shell by design: its users run arbitrary code in the pod. Jupyter refuses to start as root unless told `--allow-root`, and the Jupyter Docker Stacks run as the unprivileged `jovyan` user, granting passwordless sudo only when started as root with `GRANT_SUDO=yes`. Running the server as root (or handing its users sudo) turns every notebook user into root in the container, which widens what a container escape, a mounted host path or a writable volume shared with other pods can do. SageMaker's equivalent setting is `RootAccess: Disabled` (Checkov CKV_AWS_307).",
    remediation:
      "Run the server as its image's unprivileged user (`securityContext: {runAsNonRoot: true, runAsUser: 1000}` for the Jupyter Docker Stacks), drop `--allow-root` and `GRANT_SUDO`; install packages into the user's environment (`pip install --user`, a conda env in the home volume) instead of system-wide. Reported for Kubeflow `Notebook` resources and containers that run a Jupyter image or start a Jupyter server.",
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lab\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: lab\n      image: quay.io/jupyter/pytorch-notebook:2024-10-07\n      env:\n        - name: GRANT_SUDO\n          value: "yes"\n',
        good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: lab\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 1000\n  containers:\n    - name: lab\n      image: quay.io/jupyter/pytorch-notebook:2024-10-07\n',
      },
    ],
    references: [
      'https://jupyter-docker-stacks.readthedocs.io/en/latest/using/common.html#user-related-configurations',
      'https://jupyter-server.readthedocs.io/en/latest/other/full-config.html',
      'https://www.kubeflow.org/docs/components/notebooks/container-images/',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      if (!isNotebookContainer(container)) return;
      const where = `container "${container.name}"`;
      for (const key of ['command', 'args']) {
        for (const arg of container.node.get(key)?.items() ?? []) {
          if (
            typeof arg.value !== 'string' ||
            !/(?:^|\s)--allow-root\b|--(?:ServerApp|NotebookApp)\.allow_root=(?:True|true)\b/.test(arg.value)
          )
            continue;
          ctx.report({
            at: arg,
            message: `${where} starts Jupyter with --allow-root: every notebook user runs code as root in the container`,
          });
          return;
        }
      }
      const own = containerSecurityContext(container)?.get('runAsUser');
      const pod = podSecurityContext(container.workload)?.get('runAsUser');
      const user: KNode | undefined = own ?? pod;
      if (user && (user.value === 0 || user.value === '0')) {
        ctx.report({
          at: user,
          message: `${where} runs its notebook server as root (runAsUser: 0${own ? '' : ', from the pod securityContext'}): every notebook user runs code as root`,
        });
        return;
      }
      const sudo = envValue(container, 'GRANT_SUDO');
      if (sudo && YES.test(sudo.value.trim())) {
        ctx.report({
          at: sudo.node,
          message: `${where} sets GRANT_SUDO=${sudo.value}: notebook users get passwordless sudo, root in the container`,
        });
      }
    },
  },
});
