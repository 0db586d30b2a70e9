import { defineRule } from '../../src/engine/rule.js';
import { labelsOf } from '../_lib/labels.js';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Why a label key breaks Docker's key conventions; undefined when it follows them. */
export function labelKeyProblem(key: string): string | undefined {
  if (key.includes('$')) return undefined;
  const reserved = RESERVED.find((r) => key.startsWith(r));
  if (reserved) return `uses the namespace "${reserved}" reserved by Docker`;
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or digit';
  if (!/^[a-z0-9._/-]+$/.test(key)) return 'may only hold lower-case letters, digits, ".", "-", "_" and "/"';
  if (/\.\.|--|\.-|-\./.test(key)) return 'must not hold consecutive separators';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'invalid-label-key',
    title: 'LABEL key breaks Docker\'s key conventions',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3048'],
    rationale: 'Docker\'s label guidelines ask for lower-case keys of letters, digits, dots and dashes, in reverse-DNS namespaces, and reserve com.docker.*, io.docker.* and org.dockerproject.*. Tools that query labels match keys exactly, so `Version` and `version` are different labels.',
    remediation: 'Use lower-case reverse-DNS keys: `LABEL org.opencontainers.image.version="1.2.3"`. Keys named by a variable are not judged. Differences from hadolint: a key holding `$` is taken as a variable, which Docker expands at build time, and is not judged; hadolint reports `$` as an invalid character.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nLABEL Version="1.0"\n', good: 'FROM debian:12\nLABEL org.opencontainers.image.version="1.0"\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3048', 'https://docs.docker.com/config/labels-custom-metadata/#key-format-recommendations'],
  },
  handlers: {
    'dockerfile:LABEL': (label, ctx) => {
      for (const l of labelsOf(label)) {
        const problem = labelKeyProblem(l.key);
        if (problem) ctx.report({ at: l.keyNode, message: `label key "${l.key}" ${problem}` });
      }
    },
  },
});
