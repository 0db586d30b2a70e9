import type { DockerfileModel, DockerInstruction, DockerText, Stage } from '../../src/model/dockerfile.js';
import { stageChain } from './dockerfile.js';

export const LABEL_FORMATS = ['text', 'url', 'hash', 'rfc3339', 'semver', 'spdx', 'email'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** Option schema shared by the label-schema rules (hadolint's `label-schema`). */
export const LABEL_SCHEMA_OPTION = {
  type: 'object',
  description:
    "Required labels and the format of their values, like hadolint's `label-schema` (also read from the top-level `label-schema` key of .k8slint.yaml).",
  additionalProperties: { enum: [...LABEL_FORMATS] },
};

export interface LabelEntry {
  key: string;
  /** Value as written (quotes removed); undefined for `LABEL key` without a value. */
  value?: string;
  keyNode: DockerText;
  /** The value; the key when the label has none. */
  valueNode: DockerText;
  instruction: DockerInstruction;
}

export function labelsOf(inst: DockerInstruction): LabelEntry[] {
  return inst.properties.map((p) => ({
    key: p.key,
    value: p.value,
    keyNode: p.nameNode,
    valueNode: p.valueNode ?? p.nameNode,
    instruction: inst,
  }));
}

/** Labels of a stage and of the stages it is built FROM, later ones overriding earlier ones. */
export function stageLabels(stage: Stage): Map<string, LabelEntry> {
  const out = new Map<string, LabelEntry>();
  for (const s of stageChain(stage))
    for (const inst of s.instructions) if (inst.keyword === 'LABEL' && !inst.onbuild) for (const l of labelsOf(inst)) out.set(l.key, l);
  return out;
}

/** Stages whose labels end up in a published image: the final stage and stages no later stage builds FROM or copies from (hadolint's "un-aliased" stages). */
export function imageStages(model: DockerfileModel): Stage[] {
  const used = new Set(model.stages.flatMap((s) => (s.parent ? [s.parent] : [])));
  return model.stages.filter((s) => s.isFinal || (!used.has(s) && s.name === undefined));
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const RFC3339 =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const SPDX_TOKEN = /^(LicenseRef-[A-Za-z0-9.-]+|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9][A-Za-z0-9.-]*\+?)$/;

/** Why `value` does not match `format`; undefined when it does. */
export function formatProblem(format: LabelFormat, value: string): string | undefined {
  switch (format) {
    case 'text':
      return undefined;
    case 'url':
      return /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+[^\s]*$/i.test(value) || /^(mailto|urn):\S+$/i.test(value) ? undefined : 'is not a URL';
    case 'hash':
      return /^[0-9a-f]{7,40}$/i.test(value) || /^[0-9a-f]{64}$/i.test(value) ? undefined : 'is not a git commit hash';
    case 'rfc3339':
      return RFC3339.test(value) ? undefined : 'is not an RFC 3339 timestamp';
    case 'semver':
      return SEMVER.test(value.replace(/^v/, '')) ? undefined : 'is not a semantic version';
    case 'email':
      return /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/.test(value) ? undefined : 'is not an email address';
    case 'spdx':
      return spdxExpression(value) ? undefined : 'is not an SPDX license expression';
  }
}

function spdxExpression(value: string): boolean {
  const tokens = value.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let depth = 0;
  let expectOperand = true;
  for (const t of tokens) {
    if (t === '(') {
      if (!expectOperand) return false;
      depth++;
    } else if (t === ')') {
      if (expectOperand || --depth < 0) return false;
    } else if (/^(AND|OR|WITH)$/.test(t)) {
      if (expectOperand) return false;
      expectOperand = true;
    } else {
      if (!expectOperand || !SPDX_TOKEN.test(t)) return false;
      expectOperand = false;
    }
  }
  return depth === 0 && !expectOperand;
}

export function schemaOf(options: Record<string, unknown>): Record<string, LabelFormat> {
  return (options.labelSchema ?? {}) as Record<string, LabelFormat>;
}
