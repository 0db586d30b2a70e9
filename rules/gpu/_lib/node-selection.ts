import { isMapping, type KNode, type KNodePart, type Workload } from '../../../src/model/k8s.js';

export interface SelectedLabel {
  key: string;
  /** The key in nodeSelector, or the `key:` field of a match expression. */
  at: KNode | KNodePart;
  required: boolean;
}

/** Label keys the pod selects nodes by: nodeSelector keys and node-affinity match expressions (required and preferred). */
export function nodeSelectionKeys(workload: Workload): SelectedLabel[] {
  const out: SelectedLabel[] = [];
  for (const [key, node] of workload.podSpec.get('nodeSelector')?.entries() ?? []) out.push({ key, at: node.key(), required: true });
  const affinity = workload.podSpec.at('affinity', 'nodeAffinity');
  const required = affinity?.at('requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms')?.items() ?? [];
  const preferred = (affinity?.get('preferredDuringSchedulingIgnoredDuringExecution')?.items() ?? []).map((item) => item.get('preference')).filter((term): term is KNode => term !== undefined);
  for (const [terms, isRequired] of [[required, true], [preferred, false]] as const) {
    for (const term of terms) {
      for (const expression of term.get('matchExpressions')?.items() ?? []) {
        const keyNode = expression.get('key');
        if (keyNode && isMapping(expression.value) && typeof keyNode.value === 'string') out.push({ key: keyNode.value, at: keyNode, required: isRequired });
      }
    }
  }
  return out;
}
