import type { FixProposal, FixSafety } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import { insertAfter } from '../../src/model/edits.js';
import type { ModelNode } from '../../src/model/node.js';

/**
 * Adds `flag` after each of `words` (the subcommand of each offending call: `install`, `add`).
 * Only for shell-form RUNs: in exec form each word is its own JSON string, and text added to one
 * would become part of that argument.
 */
export function addFlagFix(run: DockerInstruction, words: readonly ModelNode[], flag: string, safety: FixSafety = 'safe'): FixProposal | undefined {
  if (run.execForm.length > 0 || words.length === 0) return undefined;
  return { safety, description: `add ${flag}`, edits: words.map((word) => insertAfter(word, ` ${flag}`)) };
}

/** The subcommand words (`install`) of package manager calls, where a flag goes. */
export function actionWords(calls: ReadonlyArray<{ actionWord?: ModelNode }>): ModelNode[] {
  return calls.flatMap((c) => (c.actionWord ? [c.actionWord] : []));
}
