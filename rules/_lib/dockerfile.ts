import type { DockerFlag, DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';

const chains = new WeakMap<Stage, readonly Stage[]>();

/** The stage and the earlier stages it is built `FROM`, outermost ancestor first (computed once per stage: rules ask per instruction). */
export function stageChain(stage: Stage): readonly Stage[] {
  let chain = chains.get(stage);
  if (chain) return chain;
  const built: Stage[] = [];
  const seen = new Set<Stage>();
  for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
    seen.add(s);
    built.push(s);
  }
  chain = built.reverse();
  chains.set(stage, chain);
  return chain;
}

/** The stage the image is: the last one, or the target a Compose service builds (`isFinal`). */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages.find((s) => s.isFinal) ?? model.stages[model.stages.length - 1];
}

/** The final stage and its `FROM <stage>` ancestors: everything the shipped image is made of. */
export function finalChain(model: DockerfileModel): readonly Stage[] {
  const final = finalStage(model);
  return final ? stageChain(final) : [];
}

/** Instructions of a stage chain (ONBUILD triggers left out), in build order. */
export function chainInstructions(stage: Stage): DockerInstruction[] {
  return stageChain(stage).flatMap((s) => s.instructions.filter((i) => !i.onbuild));
}

/** Build arguments BuildKit defines without an `ARG` (platform arguments only in the global scope). */
export const PLATFORM_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETSTAGE',
];
export const PROXY_ARGS = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy',
  'ALL_PROXY',
  'all_proxy',
];
export const BUILDKIT_ARGS = [
  'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_SYNTAX',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'BUILDKIT_MULTI_PLATFORM',
  'BUILDKIT_SBOM_SCAN_CONTEXT',
  'BUILDKIT_SBOM_SCAN_STAGE',
  'BUILDKIT_DOCKERFILE_CHECK',
  'SOURCE_DATE_EPOCH',
];

/** A flag of an instruction (`--platform`); its `valueNode` locates the value. */
export function flagOf(instruction: DockerInstruction, name: string): DockerFlag | undefined {
  return instruction.flags.find((f) => f.name === name);
}
