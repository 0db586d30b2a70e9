import { defineRule } from '../../src/engine/rule.js';
import type { ModelNode } from '../../src/model/node.js';
import { covering } from '../../src/model/parts.js';
import { baseName, commandsOf, type EffectiveCommand } from '../_lib/shell.js';

const FLAGS: Record<string, RegExp> = {
  'apt-get':
    /^(--allow-unauthenticated|--force-yes|--allow-insecure-repositories|-oAcquire::AllowInsecureRepositories=(true|1|yes)|(-o)?APT::Get::AllowUnauthenticated=(true|1|yes)|Acquire::AllowInsecureRepositories=(true|1|yes))$/i,
  apt: /^(--allow-unauthenticated|--force-yes|--allow-insecure-repositories|(-o)?APT::Get::AllowUnauthenticated=(true|1|yes)|Acquire::AllowInsecureRepositories=(true|1|yes))$/i,
  aptitude: /^(--allow-untrusted|--allow-unauthenticated)$/,
  apk: /^--allow-untrusted$/,
  rpm: /^(--nosignature|--nodigest|--nofiledigest|--noverify)$/,
  yum: /^(--nogpgcheck|(--setopt=)?([\w.-]+\.)?gpgcheck=(0|false|no))$/i,
  dnf: /^(--nogpgcheck|--no-gpgchecks|(--setopt=)?([\w.-]+\.)?gpgcheck=(0|false|no))$/i,
  microdnf: /^(--nogpgcheck|(--setopt=)?([\w.-]+\.)?gpgcheck=(0|false|no))$/i,
  tdnf: /^(--nogpgcheck|(--setopt=)?([\w.-]+\.)?gpgcheck=(0|false|no))$/i,
  zypper: /^(--no-gpg-checks|--gpg-auto-import-keys)$/,
};

export default defineRule({
  meta: {
    id: 'package-signature-check-disabled',
    title: 'Package signature or digest checks turned off',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
    rationale:
      'Package managers verify repository signatures and package digests so that a mirror, a proxy or an attacker on the network cannot slip in a modified package. `apt-get --allow-unauthenticated`, `apt-get --force-yes`, `apk --allow-untrusted`, `yum/dnf --nogpgcheck` or `rpm --nosignature` install whatever arrives.',
    remediation:
      "Remove the flag and import the repository's signing key instead (`curl -fsSL <key> | gpg --dearmor -o /usr/share/keyrings/vendor.gpg` and `signed-by=` in the source list; `rpm --import <key>`; `apk` keys in `/etc/apk/keys`). zypper `--gpg-auto-import-keys` is reported too: it trusts whatever key the repository offers.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --allow-unauthenticated vendor-agent\n',
        good: 'FROM debian:12\nCOPY vendor.gpg /usr/share/keyrings/vendor.gpg\nRUN apt-get update && apt-get install -y vendor-agent\n',
      },
    ],
    references: ['https://manpages.debian.org/bookworm/apt/apt-get.8.en.html', 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => {
      for (const command of commandsOf(model, run)) {
        const found = disabled(command);
        if (found) ctx.report({ at: found.node, message: found.message });
      }
    },
  },
});

function disabled(command: EffectiveCommand): { node: ModelNode; message: string } | undefined {
  const name = baseName(command.name);
  const flags = name ? FLAGS[name] : undefined;
  if (!flags) return undefined;
  for (let i = 1; i < command.words.length; i++) {
    const word = command.words[i];
    const v = word?.value;
    if (!word || v === undefined) continue;
    const next = command.words[i + 1];
    if (flags.test(v) || (v === '-o' && flags.test(next?.value ?? ''))) {
      const shown = v === '-o' ? `-o ${next?.value}` : v;
      const node = v === '-o' && next ? covering(word, next) : word;
      return { node, message: `${name} ${shown} installs packages without checking their signatures or digests` };
    }
  }
  return undefined;
}
