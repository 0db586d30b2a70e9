import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { DockerInstruction, DockerfileModel } from '../../src/model/dockerfile.js';

const PRAGMA = /^#\s*(hadolint|k8slint-|syntax\s*=|escape\s*=|check\s*=)/i;

export default defineRule({
  meta: {
    id: 'invalid-definition-description',
    title: 'Comment right above FROM … AS or ARG that does not start with its name',
    severity: 'info',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['InvalidDefinitionDescription'],
    rationale:
      "`docker build --call=outline` and `--call=targets` take the comment right above a named FROM or an ARG as its description when the comment starts with the stage or argument name. A comment that does not is shown as nothing, or is mistaken for a description later. Docker's check is experimental and off by default; so is this rule.",
    remediation:
      'Start the comment with the name (`# build compiles the CLI` above `FROM golang AS build`, `# VERSION selects the release` above `ARG VERSION`), or put an empty line between a comment that is not a description and the instruction. Pragmas (`# hadolint …`, `# k8slint-disable…`) and parser directives are not judged.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM alpine:3.20 AS base\n# the version to install\nARG VERSION=1\n',
        good: 'FROM alpine:3.20 AS base\n# VERSION is the version to install\nARG VERSION=1\n',
      },
    ],
    references: ['https://docs.docker.com/reference/build-checks/invalid-definition-description/'],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx, model) => {
      const name = from.stage?.from === from ? from.stage.alias?.value : undefined;
      if (name) check(from, name, model, ctx.report);
    },
    'dockerfile:ARG': (arg, ctx, model) => {
      const [only, ...more] = arg.properties;
      if (only && more.length === 0) check(arg, only.name, model, ctx.report);
    },
  },
});

function check(instruction: DockerInstruction, name: string, model: DockerfileModel, report: RuleContext['report']): void {
  if (instruction.onbuild) return;
  // The description is the block of comment lines right above; its first line must start with the name.
  let first = instruction.span.line - 1;
  while (first >= 1 && /^\s*#/.test(model.lines.lineText(first))) first--;
  first++;
  if (first >= instruction.span.line) return;
  const text = model.lines.lineText(first);
  if (PRAGMA.test(text.trim())) return;
  const word = /^\s*#\s*(\S*)/.exec(text)?.[1] ?? '';
  if (word === name) return;
  // Reported at the instruction, as BuildKit does.
  report({
    at: model.parts.restOfLine(instruction),
    message: `the comment above ${instruction.keyword} ${name} (line ${first}) does not start with "${name}", so it is not a description of it`,
  });
}
