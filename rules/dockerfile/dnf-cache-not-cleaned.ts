import { defineRule } from '../../src/engine/rule.js';
import { removes } from '../_lib/packages.js';
import { reportUncleaned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'dnf-cache-not-cleaned',
    title: '`dnf install` / `dnf upgrade` / `microdnf install` without `clean all` in the same RUN',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3040', 'DS019', 'DS-0019', 'AVD-DS-0019', 'DS027', 'DS-0027', 'AVD-DS-0027'],
    rationale: 'dnf and microdnf keep downloaded packages and metadata in /var/cache/dnf (or /var/cache/yum). Unless the same RUN cleans it, the cache stays in that layer of the image.',
    remediation: 'End the RUN with `&& dnf clean all` (`microdnf clean all`), or remove /var/cache/dnf, or mount a cache on it. Only stages that end up in the image are checked.',
    examples: [{ lang: 'dockerfile', bad: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.57\n', good: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3040'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUncleaned(run, ctx, model, {
      managers: ['dnf', 'microdnf'],
      isTrigger: (p) => p.action !== undefined && DOWNLOADS.has(p.action),
      cacheDirs: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'],
      cleaned: (commands, packages, install) => packages.some((p) => sameCache(install.manager, p.manager) && p.action === 'clean' && p.operands.some((w) => w.value === 'all' || w.value === 'packages'))
        || removes(commands, /^\/var\/cache\/(dnf|yum|libdnf5)(\/\*?)?$/),
      message: (p) => `\`${p.command.name} ${p.action}\` leaves its cache in /var/cache: this RUN does not run \`${p.command.name} clean all\``,
    }),
  },
});

/** dnf and yum (a link to dnf on current Fedora and RHEL) clean dnf's cache; microdnf cleans its own. */
function sameCache(installer: string, cleaner: string): boolean {
  return installer === 'microdnf' ? cleaner === 'microdnf' : cleaner === 'dnf' || cleaner === 'yum';
}

/** dnf subcommands that download packages into the cache (with their short aliases). */
const DOWNLOADS = new Set(['install', 'in', 'groupinstall', 'localinstall', 'upgrade', 'up', 'update', 'upgrade-minimal', 'up-min', 'update-minimal', 'reinstall', 'rei', 'distro-sync', 'dsync']);
