/**
 * Rule presets as data: which rules run, with which options and severity.
 *
 * `recommended` and `strict` follow the rules' own metadata; `gpu` is the GPU and AI pack (category `gpu`) alone. `pss-baseline` and `pss-restricted`
 * reproduce the Pod Security Standards as the admission controller (k8s.io/pod-security-admission)
 * enforces them at a Kubernetes version: each control maps to the rules (and options) that judge
 * exactly its fields and allowed values, and controls that did not exist yet at the version are left out.
 */
import type { Rule } from '../src/engine/rule.js';
import type { Severity } from '../src/types.js';
import { compareVersions } from '../src/util/versions.js';

export const PRESET_NAMES = ['recommended', 'strict', 'pss-baseline', 'pss-restricted', 'gpu'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface PresetRuleSetting {
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface Preset {
  name: PresetName;
  /** The rules the preset turns on, by id; rules not listed are off. */
  rules: Map<string, PresetRuleSetting>;
}

export type PssLevel = 'baseline' | 'restricted';

/** One admission-controller check and the rules that implement it. */
export interface PssControl {
  /** The admission controller's check id (`hostNamespaces`, `capabilities_restricted`…); every one is an alias of a rule. */
  check: string;
  level: PssLevel;
  /** The first Kubernetes version the check applies to. */
  since: string;
  /** The rules that judge the check, with the options that make them judge it exactly (at the version). */
  rules: Array<{ id: string; options?: (version: string) => Record<string, unknown> }>;
}

const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

const atLeast = (version: string, minimum: string): boolean => compareVersions(version, minimum) >= 0;

export const PSS_CONTROLS: readonly PssControl[] = [
  { check: 'windowsHostProcess', level: 'baseline', since: '1.0', rules: [{ id: 'windows-host-process' }] },
  { check: 'hostNamespaces', level: 'baseline', since: '1.0', rules: [{ id: 'host-network' }, { id: 'host-pid' }, { id: 'host-ipc' }] },
  { check: 'privileged', level: 'baseline', since: '1.0', rules: [{ id: 'privileged-container' }] },
  { check: 'capabilities_baseline', level: 'baseline', since: '1.0', rules: [{ id: 'capabilities-added', options: () => ({ allowed: BASELINE_CAPABILITIES }) }] },
  { check: 'hostPathVolumes', level: 'baseline', since: '1.0', rules: [{ id: 'host-path-volume' }] },
  { check: 'hostPorts', level: 'baseline', since: '1.0', rules: [{ id: 'host-port' }] },
  { check: 'hostProbesAndHostLifecycle', level: 'baseline', since: '1.34', rules: [{ id: 'probe-host-set' }] },
  { check: 'appArmorProfile', level: 'baseline', since: '1.0', rules: [{ id: 'apparmor-unconfined' }] },
  // The SELinux types and sysctls allowed at the version are built into the rules (they read ctx.kubernetesVersion).
  { check: 'seLinuxOptions', level: 'baseline', since: '1.0', rules: [{ id: 'selinux-custom-options', options: () => ({ allowedTypes: [] }) }] },
  { check: 'procMount', level: 'baseline', since: '1.0', rules: [{ id: 'unmasked-proc-mount', options: () => ({ allowInUserNamespace: true }) }] },
  // Before 1.19 the check reads the legacy annotations only, from 1.19 the fields only.
  { check: 'seccompProfile_baseline', level: 'baseline', since: '1.0', rules: [{ id: 'seccomp-unconfined', options: (v) => ({ annotations: !atLeast(v, '1.19'), fields: atLeast(v, '1.19') }) }] },
  { check: 'sysctls', level: 'baseline', since: '1.0', rules: [{ id: 'unsafe-sysctls', options: () => ({ allowed: [] }) }] },

  { check: 'restrictedVolumes', level: 'restricted', since: '1.0', rules: [{ id: 'restricted-volume-type' }] },
  // Windows pods are exempt from 1.25 on; the rule knows (it reads ctx.kubernetesVersion).
  { check: 'allowPrivilegeEscalation', level: 'restricted', since: '1.8', rules: [{ id: 'privilege-escalation-allowed' }] },
  { check: 'runAsNonRoot', level: 'restricted', since: '1.0', rules: [{ id: 'run-as-non-root', options: () => ({ acceptRunAsUser: false }) }] },
  { check: 'runAsUser', level: 'restricted', since: '1.23', rules: [{ id: 'run-as-root-user', options: () => ({ ignoreOverridden: false }) }] },
  { check: 'seccompProfile_restricted', level: 'restricted', since: '1.19', rules: [{ id: 'seccomp-profile-missing', options: () => ({ annotations: false }) }] },
  {
    check: 'capabilities_restricted',
    level: 'restricted',
    since: '1.22',
    rules: [
      { id: 'capabilities-not-dropped' },
      // Windows pods are exempt from the restricted list from 1.25 on, but still bound by the baseline one.
      { id: 'capabilities-added', options: (v) => ({ allowed: ['NET_BIND_SERVICE'], ...(atLeast(v, '1.25') ? { allowedOnWindows: BASELINE_CAPABILITIES } : {}) }) },
    ],
  },
  { check: 'procMount_restricted', level: 'restricted', since: '1.35', rules: [{ id: 'unmasked-proc-mount', options: () => ({ allowInUserNamespace: false }) }] },
];

/** The controls of a level at a version: Restricted includes Baseline; a restricted control overrides the options of a baseline one on the same rule. */
export function pssControls(level: PssLevel, kubernetesVersion: string): PssControl[] {
  return PSS_CONTROLS.filter((c) => (level === 'restricted' || c.level === 'baseline') && atLeast(kubernetesVersion, c.since));
}

/**
 * The rule set of a preset for a run at `kubernetesVersion` (the version the rules see as
 * ctx.kubernetesVersion). `rules` is the registry's rule list; a preset names only rules it holds.
 */
export function presetRules(name: PresetName, rules: readonly Rule[], kubernetesVersion: string): Preset {
  const out = new Map<string, PresetRuleSetting>();
  if (name === 'recommended' || name === 'strict') {
    for (const rule of rules) {
      if (rule.meta.status !== 'stable') continue;
      if (name === 'recommended' && rule.meta.optIn) continue;
      out.set(rule.meta.id, {});
    }
    return { name, rules: out };
  }
  if (name === 'gpu') {
    // The GPU and AI pack alone, its opt-in rules included: whoever picks this preset asked for the pack.
    for (const rule of rules) if (rule.meta.category === 'gpu' && rule.meta.status === 'stable') out.set(rule.meta.id, {});
    return { name, rules: out };
  }
  const known = new Set(rules.map((r) => r.meta.id));
  const level: PssLevel = name === 'pss-restricted' ? 'restricted' : 'baseline';
  for (const control of pssControls(level, kubernetesVersion)) {
    for (const rule of control.rules) {
      if (!known.has(rule.id)) throw new Error(`preset ${name}: control ${control.check} names the unknown rule ${rule.id}`);
      const previous = out.get(rule.id);
      // Admission rejects a pod that fails any control, so every PSS finding is an error.
      out.set(rule.id, { severity: 'error', options: { ...previous?.options, ...rule.options?.(kubernetesVersion) } });
    }
  }
  return { name, rules: out };
}

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
