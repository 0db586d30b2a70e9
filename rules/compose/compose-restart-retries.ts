import { defineRule } from '../../src/engine/rule.js';
import { composeString } from '../../src/model/compose-build.js';
import { describeService } from '../_lib/compose-service.js';
import { literalInteger, literalText } from './_lib/project.js';

const DEFAULT_RETRIES = 5;

export default defineRule({
  meta: {
    id: 'compose-restart-retries',
    title: 'on-failure restart policy without the agreed number of retries',
    severity: 'info',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['2fc99041-ddad-49d5-853f-e35e70a48391'],
    rationale:
      'A service that fails at start with `restart: on-failure` is restarted forever (with a growing delay), so a crash loop keeps using CPU, fills logs and hides the failure; a bounded number of retries makes it stop and show as exited. CIS Docker Benchmark 5.15 asks for `on-failure:5`. Reported: `restart: on-failure` without a count, with `:0` (no limit) or with another count (at `restart:`), and `deploy.restart_policy` with `condition: on-failure` whose `max_attempts` is missing (at the deepest key that exists) or differs. `always` and `unless-stopped` are not reported: they are the right choice for services that should keep running (`compose-restart-missing` suggests them). Opt-in: the number is a convention of the benchmark, not a fault. Same as KICS "Restart Policy On Failure Not Set To 5".',
    remediation:
      'Write `restart: on-failure:5` (or `deploy.restart_policy.max_attempts: 5`), or the count the option `retries` names; use `unless-stopped` for services that should always run.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    restart: on-failure\n',
        good: 'services:\n  worker:\n    image: ghcr.io/acme/worker:1.4\n    restart: on-failure:5\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/compose-file/services/#restart',
      'https://docs.docker.com/reference/compose-file/deploy/#restart_policy',
      'https://docs.docker.com/engine/containers/start-containers-automatically/',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          retries: { type: 'integer', minimum: 1, description: 'The number of restarts an `on-failure` policy must allow.' },
        },
        additionalProperties: false,
      },
      defaults: { retries: DEFAULT_RETRIES },
    },
  },
  handlers: {
    'compose:service': (service, ctx) => {
      const retries = typeof ctx.options.retries === 'number' ? ctx.options.retries : DEFAULT_RETRIES;
      const restart = literalText(service.restart)?.trim();
      const match = restart === undefined ? null : /^on-failure(?::(\d+))?$/.exec(restart);
      if (service.restart && match) {
        // Docker reads a count of 0 as no limit.
        const count = match[1] === undefined || Number(match[1]) === 0 ? undefined : Number(match[1]);
        if (count !== retries)
          ctx.report({
            at: service.restart.node,
            message: `${describeService(service)} restarts on failure ${count === undefined ? 'without limit' : `${count} times`}; use on-failure:${retries}`,
          });
      }
      const policy = service.node.at('deploy', 'restart_policy');
      if (literalText(composeString(policy?.get('condition')))?.trim() !== 'on-failure' || !policy) return;
      const attempts = policy.get('max_attempts');
      if (!attempts) {
        ctx.reportMissing(
          policy,
          ['max_attempts'],
          `${describeService(service)} restarts on failure without limit; set deploy.restart_policy.max_attempts: ${retries}`,
        );
        return;
      }
      const count = literalInteger(composeString(attempts));
      if (count !== undefined && count !== retries)
        ctx.report({
          at: attempts,
          message: `${describeService(service)} restarts on failure ${count === 0 ? 'without limit' : `${count} times`}; set max_attempts: ${retries}`,
        });
    },
  },
});
