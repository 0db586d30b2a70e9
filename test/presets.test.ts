import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { PRESET_NAMES, PSS_CONTROLS, presetRules, type PresetName } from '../rules/presets.js';
import { lintTexts } from '../src/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases reach into arbitrary pod fields
type Spec = Record<string, any>;

/** A pod that passes Restricted at every version: the starting point every case changes one thing of. */
function restrictedPod(): { metadata: Spec; spec: Spec } {
  return {
    metadata: { name: 'pod', annotations: {} },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [
        { name: 'init', image: 'init:1.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
      ],
      containers: [
        { name: 'app', image: 'app:1.0', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
      ],
    },
  };
}

/** The rule ids of the findings a PSS preset gives for a pod (JSON is YAML). */
function pssFindings(
  preset: PresetName,
  pod: { metadata: Spec; spec: Spec },
  version: string,
  kind: 'Pod' | 'Deployment' = 'Pod',
): string[] {
  const { rules } = presetRules(preset, allRules, version);
  const options = Object.fromEntries([...rules].flatMap(([id, setting]) => (setting.options ? [[id, setting.options]] : [])));
  const object =
    kind === 'Pod'
      ? { apiVersion: 'v1', kind: 'Pod', ...pod }
      : {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'deploy' },
          spec: {
            selector: { matchLabels: { app: 'x' } },
            template: { metadata: { ...pod.metadata, labels: { app: 'x' } }, spec: pod.spec },
          },
        };
  const result = lintTexts([{ path: 'pod.yaml', text: JSON.stringify(object, null, 2) }], {
    rules: [...rules.keys()],
    options,
    kubernetesVersion: version,
  });
  expect(result.errors).toEqual([]);
  return result.findings.filter((f) => rules.has(f.ruleId)).map((f) => f.ruleId);
}

interface Case {
  name: string;
  version?: string;
  kind?: 'Pod' | 'Deployment';
  change: (pod: { metadata: Spec; spec: Spec }) => void;
  baseline: boolean;
  restricted: boolean;
}

const app = (pod: { spec: Spec }): Spec => pod.spec.containers[0];
const init = (pod: { spec: Spec }): Spec => pod.spec.initContainers[0];

// Allowed (true) or forbidden (false) per level, from the Pod Security Standards' controls and the admission controller's versioned checks.
const CASES: Case[] = [
  { name: 'the restricted pod', change: () => {}, baseline: true, restricted: true },
  {
    name: 'hostNetwork',
    change: (p) => {
      p.spec.hostNetwork = true;
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'hostPID',
    change: (p) => {
      p.spec.hostPID = true;
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'hostIPC',
    change: (p) => {
      p.spec.hostIPC = true;
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'hostPID in a Deployment template',
    kind: 'Deployment',
    change: (p) => {
      p.spec.hostPID = true;
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'privileged container',
    change: (p) => {
      app(p).securityContext = { privileged: true };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'privileged ephemeral container',
    change: (p) => {
      p.spec.ephemeralContainers = [
        { name: 'debug', image: 'busybox', securityContext: { privileged: true, allowPrivilegeEscalation: true } },
      ];
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'adds SYS_ADMIN',
    change: (p) => {
      app(p).securityContext.capabilities.add = ['SYS_ADMIN'];
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'adds CHOWN (baseline default set)',
    change: (p) => {
      app(p).securityContext.capabilities.add = ['CHOWN'];
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'adds CHOWN before capabilities_restricted (1.21)',
    version: '1.21',
    change: (p) => {
      app(p).securityContext.capabilities.add = ['CHOWN'];
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'adds NET_BIND_SERVICE',
    change: (p) => {
      app(p).securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'does not drop ALL',
    change: (p) => {
      app(p).securityContext.capabilities = { drop: ['NET_RAW'] };
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'does not drop ALL before 1.22',
    version: '1.21',
    change: (p) => {
      app(p).securityContext.capabilities = {};
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'hostPath volume',
    change: (p) => {
      p.spec.volumes = [{ name: 'h', hostPath: { path: '/data' } }];
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'nfs volume',
    change: (p) => {
      p.spec.volumes = [{ name: 'n', nfs: { server: 'nfs', path: '/x' } }];
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'core volume types',
    change: (p) => {
      p.spec.volumes = [
        { name: 'a', emptyDir: {} },
        { name: 'b', configMap: { name: 'c' } },
        { name: 'c', persistentVolumeClaim: { claimName: 'd' } },
        { name: 'd', csi: { driver: 'x' } },
        { name: 'e' },
      ];
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'hostPort',
    change: (p) => {
      app(p).ports = [{ containerPort: 8080, hostPort: 8080 }];
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'hostPort 0',
    change: (p) => {
      app(p).ports = [{ containerPort: 8080, hostPort: 0 }];
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'probe host (1.34)',
    version: '1.34',
    change: (p) => {
      app(p).livenessProbe = { httpGet: { host: '10.0.0.1', port: 80 } };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'probe host before the check (1.33)',
    version: '1.33',
    change: (p) => {
      app(p).livenessProbe = { httpGet: { host: '10.0.0.1', port: 80 } };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'AppArmor annotation unconfined',
    change: (p) => {
      p.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined';
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'AppArmor annotation runtime/default',
    change: (p) => {
      p.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'runtime/default';
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'AppArmor field Unconfined on the pod',
    change: (p) => {
      p.spec.securityContext.appArmorProfile = { type: 'Unconfined' };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'SELinux type spc_t',
    change: (p) => {
      app(p).securityContext.seLinuxOptions = { type: 'spc_t' };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'SELinux container_engine_t at 1.30',
    version: '1.30',
    change: (p) => {
      app(p).securityContext.seLinuxOptions = { type: 'container_engine_t' };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'SELinux container_engine_t at 1.31',
    version: '1.31',
    change: (p) => {
      app(p).securityContext.seLinuxOptions = { type: 'container_engine_t' };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'SELinux user on the pod',
    change: (p) => {
      p.spec.securityContext.seLinuxOptions = { user: 'system_u' };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'SELinux level only',
    change: (p) => {
      p.spec.securityContext.seLinuxOptions = { level: 's0:c1,c2' };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'procMount Unmasked',
    change: (p) => {
      app(p).securityContext.procMount = 'Unmasked';
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'procMount Unmasked in a user namespace (1.35)',
    version: '1.35',
    change: (p) => {
      p.spec.hostUsers = false;
      app(p).securityContext.procMount = 'Unmasked';
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'procMount Unmasked in a user namespace (1.34)',
    version: '1.34',
    change: (p) => {
      p.spec.hostUsers = false;
      app(p).securityContext.procMount = 'Unmasked';
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'seccomp Unconfined on a container',
    change: (p) => {
      init(p).securityContext.seccompProfile = { type: 'Unconfined' };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'no seccomp profile',
    change: (p) => {
      delete p.spec.securityContext.seccompProfile;
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'seccomp profile on every container only',
    change: (p) => {
      delete p.spec.securityContext.seccompProfile;
      for (const c of [app(p), init(p)]) c.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'seccomp unconfined annotation (fields only from 1.19)',
    change: (p) => {
      p.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined';
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'seccomp unconfined annotation at 1.18',
    version: '1.18',
    change: (p) => {
      p.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined';
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'unsafe sysctl',
    change: (p) => {
      p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }];
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'tcp_keepalive_time at 1.28',
    version: '1.28',
    change: (p) => {
      p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }];
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'tcp_keepalive_time at 1.29',
    version: '1.29',
    change: (p) => {
      p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }];
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'Windows hostProcess',
    change: (p) => {
      p.spec.securityContext.windowsOptions = { hostProcess: true };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'allowPrivilegeEscalation unset on an init container',
    change: (p) => {
      delete init(p).securityContext.allowPrivilegeEscalation;
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'allowPrivilegeEscalation true',
    change: (p) => {
      app(p).securityContext.allowPrivilegeEscalation = true;
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'allowPrivilegeEscalation unset before the check (1.7)',
    version: '1.7',
    change: (p) => {
      delete app(p).securityContext.allowPrivilegeEscalation;
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'Windows pod without Linux fields (1.25)',
    version: '1.25',
    change: (p) => {
      p.spec = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'app:1.0' }] };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'Windows pod without Linux fields (1.24)',
    version: '1.24',
    change: (p) => {
      p.spec = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'app:1.0' }] };
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'non-zero runAsUser without runAsNonRoot',
    change: (p) => {
      p.spec.securityContext = { runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } };
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'runAsNonRoot on every container only',
    change: (p) => {
      delete p.spec.securityContext.runAsNonRoot;
      for (const c of [app(p), init(p)]) c.securityContext.runAsNonRoot = true;
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'runAsNonRoot false on the pod, true on the containers',
    change: (p) => {
      p.spec.securityContext.runAsNonRoot = false;
      for (const c of [app(p), init(p)]) c.securityContext.runAsNonRoot = true;
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'runAsUser 0 on the pod (1.23)',
    version: '1.23',
    change: (p) => {
      p.spec.securityContext.runAsUser = 0;
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'runAsUser 0 on the pod before the check (1.22)',
    version: '1.22',
    change: (p) => {
      p.spec.securityContext.runAsUser = 0;
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'runAsUser 0 on an init container only (1.25)',
    version: '1.25',
    change: (p) => {
      init(p).securityContext.runAsUser = 0;
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'adds the whole baseline capability set',
    change: (p) => {
      app(p).securityContext.capabilities.add = [
        'AUDIT_WRITE',
        'CHOWN',
        'DAC_OVERRIDE',
        'FOWNER',
        'FSETID',
        'KILL',
        'MKNOD',
        'NET_BIND_SERVICE',
        'SETFCAP',
        'SETGID',
        'SETPCAP',
        'SETUID',
        'SYS_CHROOT',
      ];
    },
    baseline: true,
    restricted: false,
  },
  {
    name: 'Windows pod adding a baseline capability (1.25)',
    version: '1.25',
    change: (p) => {
      p.spec = {
        os: { name: 'windows' },
        securityContext: { runAsNonRoot: true },
        containers: [{ name: 'app', image: 'app:1.0', securityContext: { capabilities: { add: ['CHOWN'] } } }],
      };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'Windows pod adding SYS_ADMIN (1.25)',
    version: '1.25',
    change: (p) => {
      p.spec = {
        os: { name: 'windows' },
        securityContext: { runAsNonRoot: true },
        containers: [{ name: 'app', image: 'app:1.0', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
      };
    },
    baseline: false,
    restricted: false,
  },
  {
    name: 'user namespace without runAsNonRoot (1.35)',
    version: '1.35',
    change: (p) => {
      p.spec.hostUsers = false;
      p.spec.securityContext = { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } };
    },
    baseline: true,
    restricted: true,
  },
  {
    name: 'user namespace without runAsNonRoot (1.34)',
    version: '1.34',
    change: (p) => {
      p.spec.hostUsers = false;
      p.spec.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
    },
    baseline: true,
    restricted: false,
  },
];

describe('Pod Security Standards presets', () => {
  for (const c of CASES) {
    const version = c.version ?? '1.36';
    it(`${c.name} (${version}): baseline ${c.baseline ? 'allows' : 'forbids'}, restricted ${c.restricted ? 'allows' : 'forbids'}`, () => {
      const pod = restrictedPod();
      c.change(pod);
      const baseline = pssFindings('pss-baseline', pod, version, c.kind);
      const restricted = pssFindings('pss-restricted', pod, version, c.kind);
      expect(baseline.length === 0, `baseline findings: ${baseline.join(', ')}`).toBe(c.baseline);
      expect(restricted.length === 0, `restricted findings: ${restricted.join(', ')}`).toBe(c.restricted);
    });
  }

  it('every admission-controller check id is an alias of a rule in its control', () => {
    for (const control of PSS_CONTROLS) {
      const owners = allRules.filter((r) => r.meta.aliases.includes(control.check) || r.meta.id === control.check);
      expect(
        owners.map((r) => r.meta.id),
        control.check,
      ).toHaveLength(1);
      expect(control.rules.map((r) => r.id)).toContain(owners[0]?.meta.id);
    }
  });

  it('PSS findings are errors, and controls newer than the version are left out', () => {
    const old = presetRules('pss-restricted', allRules, '1.21');
    expect(old.rules.has('run-as-root-user')).toBe(false);
    expect(old.rules.has('capabilities-not-dropped')).toBe(false);
    expect(old.rules.get('capabilities-added')?.options).toEqual({ allowed: expect.arrayContaining(['CHOWN', 'NET_BIND_SERVICE']) });
    const current = presetRules('pss-restricted', allRules, '1.36');
    expect(current.rules.get('capabilities-added')?.options?.allowed).toEqual(['NET_BIND_SERVICE']);
    expect([...current.rules.values()].every((s) => s.severity === 'error')).toBe(true);
    expect(presetRules('pss-baseline', allRules, '1.36').rules.has('run-as-non-root')).toBe(false);
  });
});

describe('recommended and strict presets', () => {
  it('recommended is every stable rule that is not opt-in; strict adds the opt-in ones', () => {
    const recommended = presetRules('recommended', allRules, '1.36').rules;
    const strict = presetRules('strict', allRules, '1.36').rules;
    for (const rule of allRules) {
      expect(recommended.has(rule.meta.id), rule.meta.id).toBe(rule.meta.status === 'stable' && !rule.meta.optIn);
      expect(strict.has(rule.meta.id), rule.meta.id).toBe(rule.meta.status === 'stable');
    }
    expect(strict.has('writable-root-filesystem')).toBe(true);
    expect(recommended.has('writable-root-filesystem')).toBe(false);
  });

  it('lists its preset names', () => {
    expect([...PRESET_NAMES]).toEqual(['recommended', 'strict', 'pss-baseline', 'pss-restricted', 'gpu']);
  });

  it('gpu is the stable rules of the GPU pack alone', () => {
    const gpu = presetRules('gpu', allRules, '1.36').rules;
    for (const rule of allRules)
      expect(gpu.has(rule.meta.id), rule.meta.id).toBe(rule.meta.category === 'gpu' && rule.meta.status === 'stable');
    expect(gpu.has('ml-shm-missing')).toBe(true);
    expect(gpu.has('host-network')).toBe(false);
  });
});
