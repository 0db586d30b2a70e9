import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { DockerInstruction, DockerfileModel } from '../../src/model/dockerfile.js';
import { contextPath, dockerignoreMatcher } from '../_lib/dockerignore.js';

export default defineRule({
  meta: {
    id: 'copy-ignored-file',
    title: 'COPY or ADD of a path that .dockerignore excludes',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['CopyIgnoredFile'],
    rationale:
      'Files that `.dockerignore` excludes are never sent to the builder. A COPY or ADD that names one fails with "not found", or, with a wildcard elsewhere in the instruction, silently copies less than intended.',
    remediation:
      "Remove the path from `.dockerignore` (or re-include it with `!path`), or stop copying it. Judged against `<Dockerfile>.dockerignore` or `.dockerignore` in the Dockerfile's folder, taken as the build context; like BuildKit, nothing is judged when the `.dockerignore` re-includes paths with `!`, and sources with wildcards or variables, `--from` copies, URLs and heredocs are skipped.",
    examples: [
      {
        lang: 'dockerfile',
        dockerignore: 'secrets/\n*.md\n',
        bad: 'FROM alpine:3.20\nCOPY secrets/app.key /etc/app/\n',
        good: 'FROM alpine:3.20\nCOPY config/app.yaml /etc/app/\n',
      },
    ],
    references: ['https://docs.docker.com/reference/build-checks/copy-ignored-file/'],
  },
  handlers: {
    'dockerfile:COPY': (instruction, ctx, model) => check(instruction, model, ctx.report),
    'dockerfile:ADD': (instruction, ctx, model) => check(instruction, model, ctx.report),
  },
});

function check(instruction: DockerInstruction, model: DockerfileModel, report: RuleContext['report']): void {
  const text = model.source.dockerignore;
  if (text === undefined || instruction.flags.some((f) => f.name === 'from')) return;
  const matcher = dockerignoreMatcher(text);
  if (matcher.hasExclusions) return;
  for (const source of instruction.copyOperands?.sources ?? []) {
    const path = contextPath(source.value);
    if (path !== undefined && matcher.ignores(path)) {
      report({
        at: source,
        message: `${instruction.keyword} source "${source.value}" is excluded by .dockerignore, so it is not in the build context`,
      });
    }
  }
}
