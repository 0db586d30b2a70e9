import { defineRule } from '../../src/engine/rule.js';
import { finalChain } from '../_lib/dockerfile.js';

export default defineRule({
  meta: {
    id: 'missing-healthcheck',
    title: 'Image defines no HEALTHCHECK',
    severity: 'info',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3057', 'DS026', 'DS-0026', 'AVD-DS-0026', 'CKV_DOCKER_2'],
    rationale:
      "Without a HEALTHCHECK, Docker and Swarm only know whether the main process runs, not whether it serves. Kubernetes ignores HEALTHCHECK (it uses the pod's probes), and the base image may define one, so the rule is a preview rule, off by default, as hadolint's DL3057 is.",
    remediation:
      'Add `HEALTHCHECK CMD curl -fsS http://localhost:8080/healthz || exit 1` to the final stage, or `HEALTHCHECK NONE` to state that there is none. For Kubernetes, define liveness and readiness probes instead.',
    examples: [
      { lang: 'dockerfile', bad: 'FROM nginx:1.27\n', good: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n' },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3057', 'https://docs.docker.com/reference/dockerfile/#healthcheck'],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const chain = finalChain(model);
      const final = chain.at(-1);
      if (!final) return;
      if (chain.some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK' && !i.onbuild))) return;
      ctx.report({ at: final.from.keywordNode, message: `the final stage (FROM ${final.image.written}) defines no HEALTHCHECK` });
    },
  },
});
