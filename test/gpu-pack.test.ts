import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { buildKubernetesModel } from '../src/model/k8s-build.js';
import type { SourceFile } from '../src/types.js';
import { k8slint } from './helpers/cli.js';

function containersOf(text: string): string[] {
  const source: SourceFile = { path: 'x.yaml', displayPath: 'x.yaml', kind: 'kubernetes', text, explicit: true };
  const model = buildKubernetesModel(source);
  return model.containers.map((c) => `${c.workload.object.kind}/${c.name}:${c.type}`);
}

/** One fresh manifest per AI workload kind the GPU pack judges, in the shape its project documents, with the containers it must find. */
const AI_WORKLOADS: Array<{ kind: string; text: string; containers: string[] }> = [
  {
    kind: 'PyTorchJob',
    text: 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata: {name: ddp}\nspec:\n  pytorchReplicaSpecs:\n    Master:\n      replicas: 1\n      template:\n        spec:\n          containers: [{name: pytorch, image: t:1}]\n    Worker:\n      replicas: 2\n      template:\n        spec:\n          initContainers: [{name: wait, image: busybox:1.36}]\n          containers: [{name: pytorch, image: t:1}]\n',
    containers: ['PyTorchJob/pytorch:regular', 'PyTorchJob/wait:init', 'PyTorchJob/pytorch:regular'],
  },
  {
    kind: 'TFJob',
    text: 'apiVersion: kubeflow.org/v1\nkind: TFJob\nmetadata: {name: tf}\nspec:\n  tfReplicaSpecs:\n    PS:\n      replicas: 1\n      template:\n        spec:\n          containers: [{name: tensorflow, image: tf:2}]\n    Worker:\n      replicas: 2\n      template:\n        spec:\n          containers: [{name: tensorflow, image: tf:2}]\n',
    containers: ['TFJob/tensorflow:regular', 'TFJob/tensorflow:regular'],
  },
  {
    kind: 'MPIJob',
    text: 'apiVersion: kubeflow.org/v2beta1\nkind: MPIJob\nmetadata: {name: mpi}\nspec:\n  slotsPerWorker: 1\n  mpiReplicaSpecs:\n    Launcher:\n      replicas: 1\n      template:\n        spec:\n          containers: [{name: launcher, image: m:1, command: [mpirun, python, train.py]}]\n    Worker:\n      replicas: 2\n      template:\n        spec:\n          containers: [{name: worker, image: m:1}]\n',
    containers: ['MPIJob/launcher:regular', 'MPIJob/worker:regular'],
  },
  {
    kind: 'TrainJob and ClusterTrainingRuntime',
    text: 'apiVersion: trainer.kubeflow.org/v1alpha1\nkind: ClusterTrainingRuntime\nmetadata: {name: torch-distributed}\nspec:\n  mlPolicy:\n    numNodes: 1\n    torch: {numProcPerNode: auto}\n  template:\n    spec:\n      replicatedJobs:\n        - name: node\n          template:\n            spec:\n              template:\n                spec:\n                  containers: [{name: node, image: pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime}]\n---\napiVersion: trainer.kubeflow.org/v1alpha1\nkind: TrainJob\nmetadata: {name: fine-tune}\nspec:\n  runtimeRef: {name: torch-distributed}\n  trainer:\n    numNodes: 2\n    resourcesPerNode:\n      limits: {nvidia.com/gpu: 1}\n',
    // A TrainJob has no pod template of its own: its pods come from the runtime.
    containers: ['ClusterTrainingRuntime/node:regular'],
  },
  {
    kind: 'JobSet',
    text: 'apiVersion: jobset.x-k8s.io/v1alpha2\nkind: JobSet\nmetadata: {name: js}\nspec:\n  replicatedJobs:\n    - name: leader\n      replicas: 1\n      template:\n        spec:\n          template:\n            spec:\n              containers: [{name: leader, image: j:1}]\n    - name: workers\n      replicas: 2\n      template:\n        spec:\n          parallelism: 2\n          template:\n            spec:\n              containers: [{name: worker, image: j:1}]\n',
    containers: ['JobSet/leader:regular', 'JobSet/worker:regular'],
  },
  {
    kind: 'LeaderWorkerSet',
    text: 'apiVersion: leaderworkerset.x-k8s.io/v1\nkind: LeaderWorkerSet\nmetadata: {name: lws}\nspec:\n  replicas: 2\n  leaderWorkerTemplate:\n    size: 4\n    leaderTemplate:\n      spec:\n        containers: [{name: leader, image: vllm/vllm-openai:v0.6.3}]\n    workerTemplate:\n      spec:\n        containers: [{name: worker, image: vllm/vllm-openai:v0.6.3}]\n',
    containers: ['LeaderWorkerSet/leader:regular', 'LeaderWorkerSet/worker:regular'],
  },
  {
    kind: 'RayCluster',
    text: 'apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: {name: rc}\nspec:\n  headGroupSpec:\n    rayStartParams: {}\n    template:\n      spec:\n        containers: [{name: ray-head, image: rayproject/ray:2.37.0}]\n  workerGroupSpecs:\n    - groupName: gpu\n      replicas: 2\n      rayStartParams: {}\n      template:\n        spec:\n          containers: [{name: ray-worker, image: rayproject/ray:2.37.0-gpu}]\n',
    containers: ['RayCluster/ray-head:regular', 'RayCluster/ray-worker:regular'],
  },
  {
    kind: 'RayJob',
    text: 'apiVersion: ray.io/v1\nkind: RayJob\nmetadata: {name: rj}\nspec:\n  entrypoint: python /app/train.py\n  rayClusterSpec:\n    headGroupSpec:\n      rayStartParams: {}\n      template:\n        spec:\n          containers: [{name: ray-head, image: rayproject/ray:2.37.0}]\n    workerGroupSpecs:\n      - groupName: gpu\n        rayStartParams: {}\n        template:\n          spec:\n            containers: [{name: ray-worker, image: rayproject/ray:2.37.0-gpu}]\n  submitterPodTemplate:\n    spec:\n      containers: [{name: submitter, image: rayproject/ray:2.37.0}]\n',
    containers: ['RayJob/ray-head:regular', 'RayJob/ray-worker:regular', 'RayJob/submitter:regular'],
  },
  {
    kind: 'RayService',
    text: 'apiVersion: ray.io/v1\nkind: RayService\nmetadata: {name: rs}\nspec:\n  serveConfigV2: |\n    applications: []\n  rayClusterConfig:\n    headGroupSpec:\n      rayStartParams: {}\n      template:\n        spec:\n          containers: [{name: ray-head, image: rayproject/ray:2.37.0}]\n    workerGroupSpecs:\n      - groupName: gpu\n        rayStartParams: {}\n        template:\n          spec:\n            containers: [{name: ray-worker, image: rayproject/ray:2.37.0-gpu}]\n',
    containers: ['RayService/ray-head:regular', 'RayService/ray-worker:regular'],
  },
  {
    kind: 'Volcano Job',
    text: 'apiVersion: batch.volcano.sh/v1alpha1\nkind: Job\nmetadata: {name: vj}\nspec:\n  minAvailable: 3\n  schedulerName: volcano\n  tasks:\n    - name: master\n      replicas: 1\n      template:\n        spec:\n          containers: [{name: master, image: v:1}]\n    - name: worker\n      replicas: 2\n      template:\n        spec:\n          containers: [{name: worker, image: v:1}]\n',
    containers: ['Job/master:regular', 'Job/worker:regular'],
  },
  {
    kind: 'InferenceService',
    text: 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: llm}\nspec:\n  predictor:\n    minReplicas: 1\n    containers:\n      - name: kserve-container\n        image: vllm/vllm-openai:v0.6.3\n        args: [--model, /mnt/models]\n  transformer:\n    containers:\n      - name: transformer\n        image: registry.example.com/ml/tokenize:1.0\n',
    containers: ['InferenceService/kserve-container:regular', 'InferenceService/transformer:regular'],
  },
  {
    kind: 'ServingRuntime',
    text: 'apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\nmetadata: {name: vllm-runtime}\nspec:\n  supportedModelFormats: [{name: huggingface, autoSelect: true}]\n  containers:\n    - name: kserve-container\n      image: vllm/vllm-openai:v0.6.3\n      args: [--port, "8080"]\n',
    containers: ['ServingRuntime/kserve-container:regular'],
  },
  {
    kind: 'Notebook',
    text: 'apiVersion: kubeflow.org/v1\nkind: Notebook\nmetadata: {name: alice}\nspec:\n  template:\n    spec:\n      containers:\n        - name: alice\n          image: kubeflownotebookswg/jupyter-pytorch-cuda-full:v1.9.0\n',
    containers: ['Notebook/alice:regular'],
  },
];

describe('GPU pack: workload discovery on every AI custom resource', () => {
  for (const { kind, text, containers } of AI_WORKLOADS) {
    it(`finds the containers of a ${kind}`, () => {
      expect(containersOf(text)).toEqual(containers);
    });
  }
});

describe('GPU pack: findings that carry their own severity', () => {
  it('ml-notebook-auth-disabled is an error when a Service or Ingress exposes the notebook, info for a Kubeflow Notebook otherwise', () => {
    const result = lintTexts(
      [
        {
          path: 'fixtures/rules/ml-notebook-auth-disabled/bad-exposed.yaml',
          text: readFixture('ml-notebook-auth-disabled/bad-exposed.yaml'),
        },
        { path: 'fixtures/rules/ml-notebook-auth-disabled/bad.yaml', text: readFixture('ml-notebook-auth-disabled/bad.yaml') },
      ],
      { rules: ['ml-notebook-auth-disabled'] },
    );
    expect(result.findings.map((f) => `${f.file.replace(/^.*\//, '')}:${f.span.line} ${f.severity}`).sort()).toEqual([
      'bad-exposed.yaml:26 error',
      'bad-exposed.yaml:42 error',
      'bad.yaml:17 warning',
      'bad.yaml:21 warning',
      'bad.yaml:26 warning',
      'bad.yaml:39 info',
    ]);
  });

  it('ml-job-failure-policy reports a GPU Job without a failure policy as info, an API-rejected policy as error', () => {
    const result = lintTexts(
      [
        { path: 'a.yaml', text: readFixture('ml-job-failure-policy/bad-gpu-retries.yaml') },
        { path: 'b.yaml', text: readFixture('ml-job-failure-policy/bad.yaml') },
      ],
      { rules: ['ml-job-failure-policy'] },
    );
    const severities = new Set(result.findings.map((f) => `${f.file}:${f.severity}`));
    expect([...severities].sort()).toEqual(['a.yaml:info', 'b.yaml:error']);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('GPU pack: cluster settings in .k8slint.yaml', () => {
  const renamed =
    'apiVersion: batch/v1\nkind: Job\nmetadata: {name: train}\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: registry.example.com/ml/train:1.0\n          resources:\n            limits: {example.com/accelerator: 1}\n';

  function run(config: string, manifest: string, rule: string): Array<{ ruleId: string; line: number; severity: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-gpu-'));
    dirs.push(dir);
    writeFileSync(join(dir, '.k8slint.yaml'), config);
    writeFileSync(join(dir, 'job.yaml'), manifest);
    const out = k8slint(['--format', 'json', '--rule', rule, 'job.yaml'], { cwd: dir });
    expect(out.stderr).toBe('');
    return (JSON.parse(out.stdout) as { findings: Array<{ ruleId: string; line: number; severity: string }> }).findings;
  }

  it('accelerators.extraResources makes a renamed resource an accelerator for the pack', () => {
    expect(run('rules: {}\n', renamed, 'ml-gpu-job-lifecycle')).toEqual([]);
    const found = run('accelerators:\n  extraResources: [example.com/accelerator]\n', renamed, 'ml-gpu-job-lifecycle');
    expect(found.map((f) => `${f.ruleId}@${f.line}`)).toEqual(['ml-gpu-job-lifecycle@4']);
  });

  it('platform: gke silences gpu-toleration-missing (GKE adds the toleration itself)', () => {
    const tolerated =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: registry.example.com/ml/train:1.0\n      resources:\n        limits: {nvidia.com/gpu: 1}\n';
    expect(run('platform: generic\n', tolerated, 'gpu-toleration-missing').map((f) => f.ruleId)).toEqual(['gpu-toleration-missing']);
    expect(run('platform: gke\n', tolerated, 'gpu-toleration-missing')).toEqual([]);
  });

  it('rejects an unknown platform with the file and the allowed values (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'k8slint-gpu-'));
    dirs.push(dir);
    writeFileSync(join(dir, '.k8slint.yaml'), 'platform: azure\n');
    writeFileSync(join(dir, 'job.yaml'), renamed);
    const out = k8slint(['job.yaml'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/\.k8slint\.yaml: platform must be one of generic, gke, eks, aks/);
  });
});

function readFixture(path: string): string {
  return readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rules', path), 'utf8');
}
