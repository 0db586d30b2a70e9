import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { isMapping, type K8sObject, type KNode } from '../../src/model/k8s.js';
import { ACCELERATOR_OPTION_SCHEMA, acceleratorMatcher } from '../_lib/accelerators.js';
import { parseQuantity } from '../_lib/quantity.js';
import { scalarText } from '../../src/util/text.js';

/**
 * Kubeflow Training Operator v1 jobs whose webhook looks for a container of a fixed name in every
 * replica template (it is the one the operator injects MASTER_ADDR, TF_CONFIG… into).
 */
const DEFAULT_CONTAINER: Record<string, { specs: string; container: string; roles?: readonly string[] }> = {
  PyTorchJob: { specs: 'pytorchReplicaSpecs', container: 'pytorch' },
  TFJob: { specs: 'tfReplicaSpecs', container: 'tensorflow' },
  // The webhooks of these three also accept only their own replica types.
  XGBoostJob: { specs: 'xgbReplicaSpecs', container: 'xgboost', roles: ['Master', 'Worker'] },
  PaddleJob: { specs: 'paddleReplicaSpecs', container: 'paddle', roles: ['Master', 'Worker'] },
  JAXJob: { specs: 'jaxReplicaSpecs', container: 'jax', roles: ['Worker'] },
};

function isKubeflowV1(object: K8sObject): boolean {
  return object.apiVersion.startsWith('kubeflow.org/');
}

function containersOf(replica: KNode): KNode[] {
  return replica.at('template', 'spec', 'containers')?.items() ?? [];
}

function requestsAccelerator(container: KNode, isAcceleratorResource: (name: string) => boolean): boolean {
  const resources = container.value;
  if (!isMapping(resources) || !isMapping(resources.resources)) return false;
  for (const kind of ['limits', 'requests']) {
    const values = resources.resources[kind];
    if (isMapping(values) && Object.entries(values).some(([name, v]) => isAcceleratorResource(name) && (parseQuantity(v) ?? 0) > 0))
      return true;
  }
  return false;
}

function checkDefaultContainer(object: K8sObject, ctx: RuleContext): void {
  const shape = DEFAULT_CONTAINER[object.kind];
  if (!shape) return;
  const replicas = object.node.at('spec', shape.specs);
  for (const [type, replica] of replicas?.entries() ?? []) {
    if (shape.roles && !shape.roles.includes(type)) {
      ctx.report({
        at: replica.key(),
        message: `${object.kind} "${object.name ?? ''}" has a replica type "${type}"; the training operator accepts only ${shape.roles.join(' and ')}: rename it`,
      });
      continue;
    }
    const containers = replica.at('template', 'spec', 'containers');
    if (!containers || containers.items().length === 0) continue;
    if (containers.items().some((c) => isMapping(c.value) && c.value.name === shape.container)) continue;
    ctx.report({
      at: containers.key(),
      message: `${object.kind} "${object.name ?? ''}" replica ${type} has no container named "${shape.container}"; the training operator rejects the job (it configures the distributed environment in that container): rename the training container to "${shape.container}"`,
    });
  }
  if (object.kind === 'XGBoostJob' && replicas && isMapping(replicas.value)) {
    const master = replicas.get('Master');
    const count = master?.get('replicas');
    if (!master)
      ctx.report({
        at: replicas.key(),
        message: `XGBoostJob "${object.name ?? ''}" has no Master replica; the training operator requires one (the Rabit tracker): add xgbReplicaSpecs.Master with replicas: 1`,
      });
    else if (count?.value !== 1 && count?.value !== '1')
      ctx.report({
        at: count ?? master.key(),
        message: `XGBoostJob "${object.name ?? ''}" ${count ? `has ${String(count.value)} Master replicas` : 'leaves its Master replicas unset'}; the training operator accepts exactly 1: set xgbReplicaSpecs.Master.replicas to 1`,
      });
  }
  if (object.kind === 'PyTorchJob') {
    const master = replicas?.at('Master', 'replicas');
    if (master && master.value !== 1 && master.value !== '1') {
      ctx.report({
        at: master,
        message: `PyTorchJob "${object.name ?? ''}" has ${String(master.value)} Master replicas; the training operator accepts exactly 1 (rank 0): set Master replicas to 1 and add the others as Workers`,
      });
    }
  }
}

function checkMpiLauncher(object: K8sObject, ctx: RuleContext): void {
  if (object.kind !== 'MPIJob') return;
  const spec = object.node.get('spec');
  if (spec?.get('runLauncherAsWorker')?.value === true) return;
  const launcher = spec?.at('mpiReplicaSpecs', 'Launcher');
  if (!launcher) return;
  for (const container of containersOf(launcher)) {
    if (!requestsAccelerator(container, acceleratorMatcher(ctx.options))) continue;
    const name = isMapping(container.value) ? scalarText(container.value.name) : '';
    ctx.report({
      at: container.get('resources')?.key() ?? container,
      severity: 'info',
      message: `MPIJob "${object.name ?? ''}" launcher container "${name}" requests accelerators, but the launcher only runs mpirun; its GPUs sit idle unless runLauncherAsWorker is true: move the GPUs to the Worker replicas or set runLauncherAsWorker: true`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'ml-training-crd-shape',
    title: 'Kubeflow training job with a shape the training operator rejects or wastes GPUs on',
    severity: 'error',
    category: 'gpu',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'The Kubeflow Training Operator validates jobs in its admission webhook: a PyTorchJob may have exactly one Master replica (it is rank 0 and the rendezvous address), and every replica template of a PyTorchJob, TFJob, XGBoostJob, PaddleJob or JAXJob must contain a container named `pytorch`, `tensorflow`, `xgboost`, `paddle` or `jax`, the container the operator writes MASTER_ADDR, WORLD_SIZE, TF_CONFIG or the coordinator address into; an XGBoostJob needs exactly one Master (its tracker), and XGBoostJob and PaddleJob accept only `Master` and `Worker` replicas, JAXJob only `Worker`; other jobs are rejected when applied. For MPIJob, the launcher only starts `mpirun` unless `runLauncherAsWorker` is true, so GPUs given to the launcher are reserved and idle (reported as info).',
    remediation:
      'Set `pytorchReplicaSpecs.Master.replicas: 1` and put the other ranks under `Worker`; name the training container `pytorch` (TFJob: `tensorflow`, XGBoostJob: `xgboost`, PaddleJob: `paddle`, JAXJob: `jax`); use only the replica types the job kind knows; give MPIJob GPUs to the Worker replicas, or set `runLauncherAsWorker: true` when the launcher should train too.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: train\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 2\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/train:1.0\n',
        good: 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: train\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 1\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/train:1.0\n    Worker:\n      replicas: 1\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              image: registry.example.com/train:1.0\n',
      },
    ],
    references: [
      'https://github.com/kubeflow/training-operator/blob/release-1.9/pkg/webhooks/pytorch/pytorchjob_webhook.go',
      'https://github.com/kubeflow/training-operator/blob/release-1.9/pkg/webhooks/tensorflow/tfjob_webhook.go',
      'https://github.com/kubeflow/mpi-operator/blob/master/pkg/apis/kubeflow/v2beta1/types.go',
      'https://github.com/kubeflow/training-operator/blob/release-1.9/pkg/webhooks/xgboost/xgboostjob_webhook.go',
      'https://github.com/kubeflow/training-operator/blob/release-1.9/pkg/webhooks/jax/jaxjob_webhook.go',
    ],
    options: { schema: { type: 'object', properties: { ...ACCELERATOR_OPTION_SCHEMA }, additionalProperties: false }, defaults: {} },
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (!isKubeflowV1(object)) return;
      checkDefaultContainer(object, ctx);
      checkMpiLauncher(object, ctx);
    },
  },
});
