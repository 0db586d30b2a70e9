import { setFix } from '../_lib/fixes.js';
import { composeTrue, describeService } from '../_lib/compose-service.js';
import { defineRule, type FixProposal } from '../../src/engine/rule.js';
import { composeString } from '../../src/model/compose-build.js';
import { replaceNode, yamlAppendItem } from '../../src/model/edits.js';
import type { KNode } from '../../src/model/k8s.js';

const OPTION = 'no-new-privileges:true';

/** Docker's reading of a `security_opt` item: `no-new-privileges` alone is true; `:value` or `=value` as Go's ParseBool. */
function noNewPrivileges(text: string): boolean | 'invalid' | undefined {
  const match = /^\s*no-new-privileges\s*(?:[:=]\s*(.*?))?\s*$/i.exec(text);
  if (!match) return undefined;
  const value = match[1];
  if (value === undefined) return true;
  if (/^(1|t|true)$/i.test(value)) return true;
  if (/^(0|f|false)$/i.test(value)) return false;
  return 'invalid';
}

function appendFix(list: KNode): FixProposal | undefined {
  const edit = Array.isArray(list.value) ? yamlAppendItem(list, OPTION) : undefined;
  return edit && { safety: 'unsafe', description: `add ${OPTION} to security_opt`, edits: [edit] };
}

export default defineRule({
  meta: {
    id: 'compose-no-new-privileges',
    title: 'Service does not set no-new-privileges',
    severity: 'warning',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['27fcc7d6-c49b-46e0-98f1-6c082a6a2750', '610e266e-6c12-4bca-9925-1ed0cd29742b'],
    rationale:
      'Unless `security_opt: [no-new-privileges:true]` is set, a process in the container can gain privileges through setuid binaries (`su`, `sudo`, `ping` on older images) or file capabilities: an attacker who gets code execution as a non-root user can become root in the container, which is the first step of most container escapes. It is the Compose counterpart of Kubernetes `allowPrivilegeEscalation: false` (rule `privilege-escalation-allowed`, CIS Docker Benchmark 5.25). Reported: a service without the option (at the service name, or at `security_opt:` when the list holds other options) and `no-new-privileges:false` (at the item). Not reported: privileged services (`privileged-container` reports those), override files and services that `extends` another (they may get the option from the file they are merged with), and lists holding a variable. Opt-in: some images switch users with `su` or `sudo` in their entrypoint, which then fails, and the Docker daemon can set it for every container (`"no-new-privileges": true` in daemon.json), which a Compose file does not show. Difference from KICS: "No New Privileges Not Set" reports `no-new-privileges:false` at the `security_opt:` key, k8slint at the item; "Security Opt Not Set" is satisfied by any option (even `apparmor:unconfined`), k8slint asks for this one (and `apparmor-unconfined` reports the other).',
    remediation:
      'Add `no-new-privileges:true` to the service\'s `security_opt:` list. When the process must switch users, do it in the entrypoint before dropping privileges (`gosu`, `setpriv`) or run as the target user from the start (`user: "1000:1000"`). The fix adds the option; it is unsafe because a setuid program in the container stops working.',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    user: "1000:1000"\n',
        good: 'services:\n  api:\n    image: ghcr.io/acme/api:1.4\n    user: "1000:1000"\n    security_opt:\n      - no-new-privileges:true\n',
      },
    ],
    fixable: 'unsafe',
    references: [
      'https://docs.docker.com/reference/cli/docker/container/run/#security-opt',
      'https://docs.docker.com/reference/compose-file/services/#security_opt',
      'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
    ],
  },
  handlers: {
    'compose:service': (service, ctx, model) => {
      const list = service.node.get('security_opt');
      for (const item of list?.items() ?? []) {
        const value = composeString(item);
        // A variable may hold the option.
        if (!value?.interpolation.literal || value.interpolation.withDefaults === undefined) return;
        const set = noNewPrivileges(value.interpolation.withDefaults);
        if (set === true) return;
        if (set === undefined) continue;
        const edit = replaceNode(item.valueOnly(), JSON.stringify(OPTION));
        ctx.report({
          at: item,
          message: `${describeService(service)} sets ${value.text.trim()}: processes may gain privileges through setuid binaries; use ${OPTION}`,
          fix: { safety: 'unsafe', description: `set ${OPTION}`, edits: [edit] },
        });
        return;
      }
      if (model.partial || service.extends || composeTrue(service, 'privileged')) return;
      if (list && Array.isArray(list.value)) {
        const fix = appendFix(list);
        ctx.report({
          at: list.key(),
          message: `${describeService(service)} does not set no-new-privileges:true in security_opt: processes may gain privileges through setuid binaries`,
          ...(fix && { fix }),
        });
        return;
      }
      if (list) return; // not a list: the schema rules report it
      ctx.reportMissing(
        service.node,
        ['security_opt'],
        `${describeService(service)} does not set security_opt: [${OPTION}]: processes may gain privileges through setuid binaries`,
        setFix(service.node, ['security_opt'], [OPTION], 'unsafe'),
      );
    },
  },
});
