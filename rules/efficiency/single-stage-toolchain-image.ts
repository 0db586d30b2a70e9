import { defineRule } from '../../src/engine/rule.js';
import { parseImageRef } from '../_lib/image.js';

/** Base images that carry a compiler or SDK; shipping them ships the toolchain. */
const TOOLCHAIN_IMAGES: Array<{ repository: RegExp; tag?: RegExp; what: string }> = [
  { repository: /^(library\/)?golang$/, what: 'the Go toolchain' },
  { repository: /^(library\/)?rust$/, what: 'the Rust toolchain' },
  { repository: /^(library\/)?gcc$/, what: 'GCC' },
  { repository: /^(library\/)?(maven|gradle)$/, what: 'a JDK and a build tool' },
  { repository: /^(library\/)?(eclipse-temurin|openjdk|amazoncorretto)$/, tag: /jdk/, what: 'a full JDK' },
  { repository: /^dotnet\/sdk$/, what: 'the .NET SDK' },
  { repository: /^nvidia\/cuda$/, tag: /devel/, what: 'the CUDA compiler and headers' },
];

export default defineRule({
  meta: {
    id: 'single-stage-toolchain-image',
    title: 'Single-stage build on a compiler or SDK base image',
    severity: 'info',
    category: 'efficiency',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'An image built in one stage on a toolchain base (golang, rust, gcc, maven, a JDK, the .NET SDK, nvidia/cuda *-devel) ships the compiler, headers and build caches: often ten times the size of the program, slower pulls and a much larger attack surface.',
    remediation: 'Build in a first stage and copy only the result into a small runtime stage: `FROM golang:1.23 AS build` … `FROM gcr.io/distroless/static` + `COPY --from=build /out/app /app`; for CUDA, build on `-devel` and run on the matching `-runtime` image.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
        good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD ["/app"]\n',
      },
    ],
    references: ['https://docs.docker.com/build/building/multi-stage/'],
    fix: 'none',
  },
  handlers: {
    dockerfile: (model, ctx) => {
      if (model.stages.length !== 1) return;
      const stage = model.stages[0];
      if (!stage.image.fullyResolved) return;
      const ref = parseImageRef(stage.image.resolved);
      const repository = ref.registry === 'mcr.microsoft.com' ? ref.repository : ref.repository.toLowerCase();
      const match = TOOLCHAIN_IMAGES.find((t) => t.repository.test(repository) && (!t.tag || t.tag.test(ref.tag ?? '')));
      if (!match) return;
      ctx.report({ at: stage.image, message: `single-stage build on "${stage.image.resolved}" ships ${match.what} in the final image` });
    },
  },
});
