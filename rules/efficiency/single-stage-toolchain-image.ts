import { defineRule } from '../../src/engine/rule.js';
import type { DockerExecString, DockerfileModel, DockerInstruction, Stage } from '../../src/model/dockerfile.js';
import { parseImageRef } from '../_lib/image.js';
import { finalChain } from '../_lib/dockerfile.js';
import { baseName, commandsOf } from '../_lib/shell.js';

interface Toolchain {
  repository: RegExp;
  /** The tag must match (`-devel`), or must not match (`jre`), for the image to be a toolchain. */
  tag?: RegExp;
  notTag?: RegExp;
  what: string;
  /** Only a toolchain when the stage also builds with it (node is also a runtime). */
  needsBuildStep?: boolean;
}

/** Base images that carry a compiler or SDK; shipping them ships the toolchain. */
const TOOLCHAINS: Toolchain[] = [
  { repository: /^(library\/)?golang$/, what: 'the Go toolchain' },
  { repository: /^(library\/)?rust$/, what: 'the Rust toolchain' },
  { repository: /^(library\/)?gcc$/, what: 'GCC' },
  { repository: /^(library\/)?(maven|gradle)$/, what: 'a JDK and a build tool' },
  { repository: /^(library\/)?eclipse-temurin$/, notTag: /jre/, what: 'a full JDK' },
  { repository: /^(library\/)?(openjdk|amazoncorretto|sapmachine|ibm-semeru-runtimes)$/, notTag: /jre/, what: 'a full JDK' },
  { repository: /^dotnet\/sdk$/, what: 'the .NET SDK' },
  { repository: /^(library\/)?node$/, needsBuildStep: true, what: 'Node.js with the dependencies and sources of the build' },
];

/** `npm run build`, `yarn build`, `pnpm run build`, `npx tsc`, `ng build`… */
function buildsJavaScript(model: DockerfileModel, stages: readonly Stage[]): boolean {
  return stages.some((s) =>
    s.instructions.some(
      (i) =>
        i.keyword === 'RUN' &&
        !i.onbuild &&
        commandsOf(model, i).some((c) => {
          const name = baseName(c.name);
          const words = c.words.slice(1).map((w) => w.value ?? '');
          if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun') {
            const script = words[0] === 'run' || words[0] === 'run-script' ? words[1] : words[0];
            return script !== undefined && /^build(:|$)|^compile$/.test(script);
          }
          if (name === 'npx') return words.some((w) => w === 'tsc' || w === 'webpack' || w === 'vite' || w === 'next');
          return name === 'tsc' || (name === 'ng' && words[0] === 'build');
        }),
    ),
  );
}

/** Programs that are the toolchain (or need it beside them): a start command running one needs the toolchain at run time. */
const TOOLCHAIN_PROGRAMS = new Set([
  'go',
  'gofmt',
  'goimports',
  'golangci-lint',
  'dlv',
  'air',
  'cargo',
  'rustc',
  'gcc',
  'g++',
  'cc',
  'c++',
  'clang',
  'make',
  'cmake',
  'ninja',
  'bazel',
  'mvn',
  'mvnw',
  'gradle',
  'gradlew',
  'javac',
  'jshell',
  'jbang',
]);
/** `dotnet run|watch|build|test`: the SDK at run time (`dotnet app.dll` needs the runtime only). */
const DOTNET_SDK_COMMANDS = new Set(['run', 'watch', 'build', 'test', 'publish']);
/** Code and docs generators, which parse the sources they are given (`go/packages` calls `go list`): `gen-crd-api-reference-docs`, `controller-gen`, `swag`. */
const GENERATOR = /^(gen|swag|mockgen|protoc)([-_.]|$)|[-_](gen|generator|codegen|docgen)([-_.]|$)/i;
const SEPARATORS = new Set(['&&', '||', ';', '|', 'exec', '-c']);

/** Words of the final chain's start command: ENTRYPOINT then CMD, as Docker joins them; strings split on whitespace. */
function startWords(model: DockerfileModel, instructions: readonly DockerInstruction[]): string[] {
  const last = (keyword: string): DockerInstruction | undefined => instructions.filter((i) => i.keyword === keyword && !i.onbuild).at(-1);
  return [last('ENTRYPOINT'), last('CMD')].flatMap((i) =>
    !i
      ? []
      : (i.execForm.length > 0 ? i.execForm.map((s) => execString(model, s)) : i.args.map((a) => a.value)).flatMap((s) => s.split(/\s+/)),
  );
}

/** An exec-form string read from the source: the parser's value loses the spaces inside it (`"sh", "-c", "a b"` gives `ab`). */
function execString(model: DockerfileModel, s: DockerExecString): string {
  const { span } = s;
  const text = model.source.text.slice(model.lines.offsetOf(span.line, span.column), model.lines.offsetOf(span.endLine, span.endColumn));
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : s.value;
  } catch {
    return s.value;
  }
}

/** The toolchain program, or generator, that the image's start command runs; undefined when it runs a built program. */
function toolchainAtRunTime(model: DockerfileModel, instructions: readonly DockerInstruction[]): string | undefined {
  const words = startWords(model, instructions)
    .map((w) => w.replace(/^["']|[;"']+$/g, ''))
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const atCommand = i === 0 || SEPARATORS.has(words[i - 1] ?? '');
    const name = baseName(words[i] ?? '') ?? '';
    if (!atCommand || SEPARATORS.has(name)) continue;
    if (TOOLCHAIN_PROGRAMS.has(name)) return name;
    if (name === 'dotnet' && DOTNET_SDK_COMMANDS.has(words[i + 1] ?? '')) return `dotnet ${words[i + 1] ?? ''}`;
    if (GENERATOR.test(name)) return name;
  }
  return undefined;
}

/** Dockerfiles named for development, CI or building (`Dockerfile.dev`, `build.Dockerfile`) are meant to carry the toolchain. */
const TOOLING_FILE =
  /(^|[./_-])(dev|devel|develop|development|devcontainer|build|builder|ci|test|tests|lint|tools?|generator|codegen)([./_-]|$)/i;

export default defineRule({
  meta: {
    id: 'single-stage-toolchain-image',
    title: 'Final image built on a compiler or SDK base image',
    severity: 'info',
    category: 'efficiency',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      "An image whose final stage is a toolchain base (golang, rust, gcc, maven/gradle, a JDK, the .NET SDK, or node after a build step; CUDA and ROCm development images are ml-docker-devel-final-stage's) ships the compiler, headers and build caches: often ten times the size of the program, slower pulls and a much larger attack surface.",
    remediation:
      'Build in a first stage and copy only the result into a small runtime stage: `FROM golang:1.23 AS build` … `FROM gcr.io/distroless/static` + `COPY --from=build /out/app /app`; a JRE (`eclipse-temurin:21-jre`) for Java, `dotnet/aspnet` for .NET, and for a Node build, a final stage that copies `dist/` and production dependencies only. Multi-stage builds whose final stage is small are not reported; nor are Dockerfiles, or final stages, named for development, CI or tooling (`Dockerfile.dev`, `ci.Dockerfile`, `AS generator`), nor images whose ENTRYPOINT or CMD runs the toolchain itself (`go run`, `make`, `cargo`, `mvn`, `dotnet run`, also after `sh -c` or `&&`) or a code or docs generator that parses sources at run time (`gen-crd-api-reference-docs`, `controller-gen`, `swag`).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
        good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD ["/app"]\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/multi-stage/'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      if (TOOLING_FILE.test(model.source.path.replace(/^.*[\\/]/, ''))) return;
      const chain = finalChain(model);
      const root = chain[0];
      const final = chain.at(-1);
      if (!root || !final || !root.image.fullyResolved) return;
      const ref = parseImageRef(root.image.resolved);
      const repository = ref.repository.toLowerCase();
      const tag = ref.tag ?? '';
      const match = TOOLCHAINS.find(
        (t) => t.repository.test(repository) && (!t.tag || t.tag.test(tag)) && (!t.notTag || !t.notTag.test(tag)),
      );
      if (!match || (match.needsBuildStep && !buildsJavaScript(model, chain))) return;
      if (final.name && TOOLING_FILE.test(final.name)) return;
      if (
        toolchainAtRunTime(
          model,
          chain.flatMap((s) => s.instructions),
        ) !== undefined
      )
        return;
      const shape = model.stages.length === 1 ? 'single-stage build' : 'the final stage';
      ctx.report({ at: final.image, message: `${shape} on "${root.image.resolved}" ships ${match.what} in the final image` });
    },
  },
});
