import type { Container } from '../../../src/model/k8s.js';
import { commandLine } from '../../_lib/ml-workloads.js';

/** Jupyter images: Jupyter Docker Stacks (`quay.io/jupyter/*-notebook`, `jupyter/*-notebook`), Kubeflow's (`kubeflownotebookswg/jupyter-*`), `*jupyterlab*`. */
const NOTEBOOK_IMAGE = /(?:^|\/)(?:jupyter[\w.-]*|[\w.-]*-notebook|[\w.-]*jupyterlab[\w.-]*)(?::|@|$)|(?:^|\/)jupyter\//i;
/** Commands that start a Jupyter server. */
const NOTEBOOK_COMMAND =
  /\bjupyter(?:hub-singleuser|-lab|-notebook)?\s+(?:lab|notebook|server)\b|\bjupyterhub-singleuser\b|\bstart-notebook\.(?:py|sh)\b|\bstart-singleuser\.(?:py|sh)\b/;

/** Whether the container runs a Jupyter server (a Kubeflow Notebook's, a Jupyter image's, or one its command starts). */
export function isNotebookContainer(container: Container): boolean {
  const object = container.workload.object;
  if (object.kind === 'Notebook' && object.apiVersion.startsWith('kubeflow.org/')) return container.type === 'regular';
  if (container.type !== 'regular') return false;
  // JupyterHub's hub and proxy are not notebook servers (its single-user images are).
  if (/(?:^|\/)(?:jupyterhub|k8s-hub|configurable-http-proxy)(?::|@|$)/.test(container.image ?? '')) return false;
  return NOTEBOOK_IMAGE.test(container.image ?? '') || NOTEBOOK_COMMAND.test(commandLine(container).join(' '));
}
