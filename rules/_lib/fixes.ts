import type { FixProposal, FixSafety } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import { insertAfter, yamlAppendItem, yamlSet, type YamlValue } from '../../src/model/edits.js';
import type { KNode } from '../../src/model/k8s.js';
import type { ModelNode } from '../../src/model/node.js';

/**
 * Adds `flag` after each of `words` (the subcommand of each offending call: `install`, `add`).
 * Only for shell-form RUNs: in exec form each word is its own JSON string, and text added to one
 * would become part of that argument.
 */
export function addFlagFix(
  run: DockerInstruction,
  words: readonly ModelNode[],
  flag: string,
  safety: FixSafety = 'safe',
): FixProposal | undefined {
  if (run.execForm.length > 0 || words.length === 0) return undefined;
  return { safety, description: `add ${flag}`, edits: words.map((word) => insertAfter(word, ` ${flag}`)) };
}

/** The subcommand words (`install`) of package manager calls, where a flag goes. */
export function actionWords(calls: ReadonlyArray<{ actionWord?: ModelNode }>): ModelNode[] {
  return calls.flatMap((c) => (c.actionWord ? [c.actionWord] : []));
}

/** Sets `path` under `root` to `value` (creating what is missing, in the file's style). */
export function setFix(root: KNode, path: readonly string[], value: YamlValue, safety: FixSafety): FixProposal | undefined {
  const edit = yamlSet(root, path, value);
  if (!edit) return undefined;
  const shown = Array.isArray(value)
    ? `[${value.join(', ')}]`
    : typeof value === 'object' && value !== null
      ? JSON.stringify(value)
      : String(value);
  return { safety, description: `set ${path.join('.')}: ${shown}`, edits: [edit] };
}

/** Adds `capability` to the container's `securityContext.capabilities.drop` (creating the list when missing). */
export function dropCapabilityFix(container: KNode, capability: string, safety: FixSafety): FixProposal | undefined {
  const drop = container.at('securityContext', 'capabilities', 'drop');
  if (drop && Array.isArray(drop.value)) {
    const edit = yamlAppendItem(drop, capability);
    return edit && { safety, description: `add ${capability} to securityContext.capabilities.drop`, edits: [edit] };
  }
  return setFix(container, ['securityContext', 'capabilities', 'drop'], [capability], safety);
}
