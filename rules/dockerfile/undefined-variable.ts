import { defineRule } from '../../src/engine/rule.js';
import { closest } from '../../src/util/closest.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { BUILDKIT_ARGS, PLATFORM_ARGS, PROXY_ARGS } from '../_lib/dockerfile.js';

/** Instructions whose arguments the builder does not expand (the shell or the runtime does). */
const NOT_EXPANDED = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'FROM', 'MAINTAINER', 'ONBUILD']);

/** Variables base images commonly set; an unknown base image may define them, so they are never called typos. */
const COMMON_IMAGE_ENV = new Set([
  'PATH',
  'HOME',
  'HOSTNAME',
  'USER',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'TERM',
  'SHELL',
  'PWD',
  'TZ',
  'JAVA_HOME',
  'GOPATH',
  'GOROOT',
  'CARGO_HOME',
  'RUSTUP_HOME',
  'LD_LIBRARY_PATH',
  'LIBRARY_PATH',
  'PYTHONPATH',
  'CUDA_HOME',
  'CUDA_VERSION',
  'NODE_VERSION',
  'PYTHON_VERSION',
  'GOLANG_VERSION',
  'MAVEN_HOME',
  'GRADLE_HOME',
  'CONDA_DIR',
  'VIRTUAL_ENV',
  'APP_ROOT',
  'APP_HOME',
  'NVIDIA_VISIBLE_DEVICES',
  'NVIDIA_DRIVER_CAPABILITIES',
]);

export default defineRule({
  meta: {
    id: 'undefined-variable',
    title: 'Variable used in an instruction but not defined in the stage',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['UndefinedVar'],
    rationale:
      'The builder expands `$VAR` in `ENV`, `COPY`, `WORKDIR`, `LABEL`, `USER` and similar instructions from the `ARG`s and `ENV`s in scope; an unknown name expands to an empty string without error. Two mistakes are common: a global `ARG` (declared before the first `FROM`) used inside a stage that never redeclares it, and a misspelt name.',
    remediation:
      "Redeclare a global argument inside the stage that uses it (`ARG VERSION` after `FROM`), declare predefined platform arguments before use (`ARG TARGETARCH`), or fix the spelling. Unlike Docker, which reads the base image's environment, k8slint cannot see variables the base image sets, so it reports other unknown names only when they look like a typo of a declared one, and never names base images commonly set (PATH, HOME, JAVA_HOME…). Shell-form RUN, CMD and ENTRYPOINT are the shell's business and are not checked; references with a default (`${VAR:-x}`) are not reported.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'ARG VERSION=1.4.2\nFROM alpine:3.20\nLABEL org.opencontainers.image.version=$VERSION\n',
        good: 'ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\nLABEL org.opencontainers.image.version=$VERSION\n',
      },
    ],
    references: ['https://docs.docker.com/reference/build-checks/undefined-var/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      for (const instruction of model.instructions) {
        if (instruction.onbuild || !instruction.stage || NOT_EXPANDED.has(instruction.keyword)) continue;
        const refs = instruction.variables;
        if (refs.length === 0) continue;
        const always = new Set<string>(PROXY_ARGS.concat(BUILDKIT_ARGS));
        const own = instruction.keyword === 'ARG' || instruction.keyword === 'ENV' ? instruction.properties.map((p) => p.nameNode) : [];
        const bodies = instruction.heredocs.map((h) => h.span);
        for (const ref of refs) {
          if (ref.hasModifier || always.has(ref.name) || model.declaredBefore(ref.name, instruction)) continue;
          if (bodies.some((b) => ref.span.line >= b.line && ref.span.line <= b.endLine)) continue;
          // ENV A=1 B=$A: the same instruction's earlier names are another rule's business (DL3044).
          if (
            own.some(
              (d) =>
                d.value === ref.name && (d.span.line < ref.span.line || (d.span.line === ref.span.line && d.span.column < ref.span.column)),
            )
          )
            continue;
          const message = explain(ref.name, model.globalArgs.has(ref.name), () => declaredNames(model, instruction, always));
          if (message) ctx.report({ at: ref, message: `${instruction.keyword} uses "${ref.name}", ${message}` });
        }
      }
    },
  },
});

/** Names an ARG or ENV declares before `instruction` in its stage chain, and the always-defined ones. */
function declaredNames(model: DockerfileModel, instruction: DockerInstruction, always: Set<string>): Set<string> {
  const declared = new Set(always);
  for (const before of model.instructionsBefore(instruction)) {
    if (before.keyword === 'ARG' || before.keyword === 'ENV') for (const p of before.properties) declared.add(p.name);
  }
  return declared;
}

function explain(name: string, isGlobal: boolean, declaredBefore: () => Set<string>): string | undefined {
  if (COMMON_IMAGE_ENV.has(name)) return undefined;
  if (isGlobal) return `which is declared only before the first FROM; the stage must redeclare it with "ARG ${name}" to see its value`;
  if (PLATFORM_ARGS.includes(name)) return `a predefined build argument that a stage sees only after "ARG ${name}"`;
  const suggestion = closest(
    name,
    [...declaredBefore()].filter((d) => !PROXY_ARGS.includes(d) && !BUILDKIT_ARGS.includes(d)),
  );
  return suggestion ? `which is not defined in this stage (did you mean "${suggestion}"?)` : undefined;
}
