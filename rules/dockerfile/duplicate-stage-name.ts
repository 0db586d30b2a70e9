import { defineRule } from '../../src/engine/rule.js';
import type { DockerArgument } from '../../src/model/dockerfile.js';

export default defineRule({
  meta: {
    id: 'duplicate-stage-name',
    title: 'Two stages share a name',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DuplicateStageName', 'DL3024', 'DS012', 'DS-0012', 'AVD-DS-0012', 'CKV_DOCKER_11'],
    rationale:
      'Stage names must be unique (BuildKit compares them case-insensitively). BuildKit refuses a Dockerfile with a duplicate name; older builders let `COPY --from=name` silently pick one of the two stages.',
    remediation:
      'Give each stage its own name: `FROM golang:1.23 AS build-api` and `FROM golang:1.23 AS build-worker`. The finding points at the later stage, the one to rename (KICS points at the first).',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM golang:1.23 AS build\nRUN go build ./api\n\nFROM golang:1.23 AS build\nRUN go build ./worker\n',
        good: 'FROM golang:1.23 AS build-api\nRUN go build ./api\n\nFROM golang:1.23 AS build-worker\nRUN go build ./worker\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/build-checks/duplicate-stage-name/',
      'https://github.com/hadolint/hadolint/wiki/DL3024',
    ],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const seen = new Map<string, DockerArgument>();
      for (const stage of model.stages) {
        const from = stage.from;
        const [, as, name] = from.args;
        if (!as || !name || as.value.toLowerCase() !== 'as') continue;
        const key = name.value.toLowerCase();
        const earlier = seen.get(key);
        if (earlier)
          ctx.report({ at: name, message: `stage name "${name.value}" is already used by the stage on line ${earlier.span.line}` });
        else seen.set(key, name);
      }
    },
  },
});
