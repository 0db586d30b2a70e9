import type { K8sObject, Mapping, Workload } from '../../src/model/k8s.js';
import { isMapping, stringMap } from '../../src/model/k8s.js';

/** apiVersions of the built-in workload kinds (not a custom resource that reuses the kind name). */
const BUILT_IN_GROUP = /^(v1|(apps|batch|extensions)\/[^/]+)$/;
const LONG_RUNNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);
const BATCH_KINDS = new Set(['Job', 'CronJob']);
/** Custom resources whose pods run to completion (Kubeflow PyTorchJob, RayJob, Argo Workflow, Tekton TaskRun…). */
const BATCH_CUSTOM_KIND = /(Job|JobSet|Workflow|WorkflowTemplate|TrainingRuntime|Run|Task|Pipeline)$/;

/**
 * What a workload's pods do: `long-running` (served by a controller that restarts them: Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, ReplicationController, or a bare Pod restarting Always),
 * `batch` (run to completion), or `unknown` (PodTemplate, custom resources whose controller decides).
 */
export type WorkloadClass = 'long-running' | 'batch' | 'unknown';

export function isBuiltInObject(object: K8sObject): boolean {
  return BUILT_IN_GROUP.test(object.apiVersion);
}

export function workloadClass(workload: Workload): WorkloadClass {
  const { object } = workload;
  const restartPolicy = workload.podSpec.value.restartPolicy;
  const runsToCompletion = restartPolicy === 'Never' || restartPolicy === 'OnFailure';
  if (isBuiltInObject(object)) {
    if (BATCH_KINDS.has(object.kind)) return 'batch';
    if (LONG_RUNNING_KINDS.has(object.kind)) return 'long-running';
    if (object.kind === 'Pod') return runsToCompletion ? 'batch' : 'long-running';
    return 'unknown';
  }
  if (runsToCompletion || BATCH_CUSTOM_KIND.test(object.kind)) return 'batch';
  return 'unknown';
}

/** A built-in controller that keeps pods running (Deployment, StatefulSet…), or a bare Pod that restarts Always. */
export function isLongRunningBuiltIn(workload: Workload): boolean {
  return isBuiltInObject(workload.object) && workloadClass(workload) === 'long-running';
}

/** `{matchLabels, matchExpressions}` as the API server evaluates a label selector. */
export function selectorMatches(selector: Mapping, labels: Record<string, string>): boolean {
  const matchLabels = stringMap(selector.matchLabels);
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return expressions.every((expression) => {
    if (!isMapping(expression) || typeof expression.key !== 'string') return true;
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return true;
    }
  });
}

/** An unset namespace is filled in at apply time (kubectl -n, kustomize, Helm), so it may match any. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** Text that a template engine or the operator fills in later (`{{ .Values.x }}`, `${VAR}`, `$(VAR)`). */
export function isTemplatedText(text: string): boolean {
  return /\{\{|\$\{|\$\(/.test(text);
}
