import { defineRule } from '../../src/engine/rule.js';
import type { DockerInstruction } from '../../src/model/dockerfile.js';
import type { RuleContext } from '../../src/engine/rule.js';

/** Docker's SecretsUsedInArgOrEnv: a secret-ish word, delimited by `_` or the ends of the name. */
const SECRET = /(?:_|^)(apikey|auth|credentials?|key|password|pword|passwd|secret|token)(?:_|$)/i;
/** Docker's allow-words, plus names of public key material (GPG/PGP keys and fingerprints of release signers). */
const ALLOWED = /(?:_|^)(public|file|version|gpg|pgp|fingerprint)(?:_|$)/i;

export default defineRule({
  meta: {
    id: 'secrets-in-arg-or-env',
    title: '`ARG` or `ENV` whose name says it holds a secret',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['SecretsUsedInArgOrEnv', 'DL3064', 'DS031', 'DS-0031', 'AVD-DS-0031'],
    rationale:
      'Build arguments and environment variables are not secret: `ENV` values are stored in the image config for anyone who pulls it, and `ARG` values used by a `RUN` are recorded in the image history and the build cache. A password, token or API key passed this way leaks with the image.',
    remediation:
      'Pass secrets with a secret mount, which never reaches a layer: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` and `docker build --secret id=npm_token,env=NPM_TOKEN`. At run time, inject them from the orchestrator (a Kubernetes Secret). Like Docker, k8slint matches the words apikey, auth, credential(s), key, password, pword, passwd, secret and token as `_`-delimited parts of the name, and skips names that also contain public, file or version; it also skips gpg, pgp and fingerprint, since the `GPG_KEY` of docker-library images is a public key fingerprint.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM node:22-slim\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci\n',
        good: 'FROM node:22-slim\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      'https://docs.docker.com/build/building/secrets/',
    ],
  },
  handlers: {
    'dockerfile:ARG': (instruction, ctx) => check(instruction, ctx),
    'dockerfile:ENV': (instruction, ctx) => check(instruction, ctx),
  },
});

function check(instruction: DockerInstruction, ctx: RuleContext): void {
  for (const decl of instruction.properties) {
    const match = SECRET.exec(decl.name);
    if (!match || ALLOWED.test(decl.name)) continue;
    ctx.report({
      at: decl.nameNode,
      message: `${instruction.keyword} ${decl.name} looks like a secret (the name contains "${match[1]}"); ${instruction.keyword === 'ARG' ? "a build argument's value is recorded in the history of the RUN instructions that follow it" : 'an ENV value is stored in the image config'}`,
    });
  }
}
