import { defineRule, type FixProposal, type RuleContext } from '../../src/engine/rule.js';
import type { DockerInstruction, DockerProperty } from '../../src/model/dockerfile.js';
import { replaceNode } from '../../src/model/edits.js';
import { covering } from '../../src/model/parts.js';

export default defineRule({
  meta: {
    id: 'legacy-key-value-format',
    title: '`ENV` or `LABEL` in the legacy `key value` form',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['LegacyKeyValueFormat'],
    rationale:
      "`ENV key value` sets one variable to everything after the first space, so `ENV PATH /opt/bin:$PATH LANG C.UTF-8` gives PATH a value with a space in it instead of setting two variables. The form is deprecated and Docker's build checks warn about it as LegacyKeyValueFormat.",
    remediation: 'Write `key=value`, quoting values with spaces: `ENV APP_HOME=/app LANG="C.UTF-8"`.',
    examples: [{ lang: 'dockerfile', bad: 'FROM alpine:3.20\nENV APP_HOME /app\n', good: 'FROM alpine:3.20\nENV APP_HOME=/app\n' }],
    fixable: 'safe',
    references: ['https://docs.docker.com/reference/build-checks/legacy-key-value-format/'],
  },
  handlers: {
    'dockerfile:ENV': (instruction, ctx) => check(instruction, ctx),
    'dockerfile:LABEL': (instruction, ctx) => check(instruction, ctx),
  },
});

function check(instruction: DockerInstruction, ctx: RuleContext): void {
  for (const decl of instruction.properties) {
    if (!decl.legacy) continue;
    const fix = legacyFix(decl);
    ctx.report({
      ...(fix && { fix }),
      at: decl.nameNode,
      message: `${instruction.keyword} ${decl.name} uses the legacy "key value" form; write "${decl.name}=…"`,
    });
  }
}

/** `NAME value words` → `NAME="value words"`, for a one-line value without quotes or escapes (whose meaning would need care). */
function legacyFix(decl: DockerProperty): FixProposal | undefined {
  const raw = decl.rawValue;
  if (!decl.valueNode || raw === undefined || decl.value !== raw || /["'\\\r\n]/.test(raw) || raw === '') return undefined;
  const value = /\s/.test(raw) ? `"${raw}"` : raw;
  return {
    safety: 'safe',
    description: `write ${decl.name}=${value}`,
    edits: [replaceNode(covering(decl.nameNode, decl.valueNode), `${decl.name}=${value}`)],
  };
}
