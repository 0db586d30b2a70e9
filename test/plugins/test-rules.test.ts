import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customRuleLoader, setCustomRuleLoader, type CustomRuleLoader } from '../../src/app/custom-rules.js';
import { CustomRuleError } from '../../src/policy/custom/index.js';
import { defineRule, lintFiles, type K8sObject, type RuleContext } from '../../src/index.js';
import { k8slint } from '../helpers/cli.js';
import { DEPLOYMENT_WITH_TEAM, DEPLOYMENT_WITHOUT_TEAM, project, type Project } from './project.js';

const PASSING_TESTS = {
  '.k8slint.yaml': 'plugins: [acme]\n',
  '.k8slint/tests/deploy.yaml':
    DEPLOYMENT_WITHOUT_TEAM.replace('  labels:\n', '  labels: # expect: acme/team-label\n') + '---\n' + DEPLOYMENT_WITH_TEAM,
  '.k8slint/tests/Dockerfile': [
    '# expect-next-line: acme/no-latest-base',
    'FROM python:latest AS build',
    '#    ^^^^^^^^^^^^^ acme/no-latest-base',
    'FROM python:3.12-slim',
    'COPY --from=build /app /app',
    '',
  ].join('\n'),
};

// Each test runs the examples and lints a folder, in-process.
describe('k8slint test-rules', { timeout: 120_000 }, () => {
  let p: Project;
  beforeAll(() => {
    p = project(PASSING_TESTS, ['k8slint-plugin-acme']);
  });
  afterAll(() => p.remove());

  it('passes a suite whose examples and markers hold: exit 0', () => {
    const run = k8slint(['test-rules'], { cwd: p.dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('all passed (2 plugin and custom rules, 2 examples, 2 fixture files in .k8slint/tests)\n');
    expect(run.code).toBe(0);
  });

  it('reports a wrong marker with file:line, expected and got: exit 1', () => {
    p.write('wrong/deploy.yaml', DEPLOYMENT_WITHOUT_TEAM.replace('  name: api\n', '  name: api # expect: acme/team-label\n'));
    p.write('wrong/Dockerfile', 'FROM python:3.12 # a pinned image\n# expect-next-line: acme/no-latest-base\nFROM python:3.13\n');
    const run = k8slint(['test-rules', 'wrong'], { cwd: p.dir });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'FAIL wrong/Dockerfile:3: expected acme/no-latest-base, got no finding',
      'FAIL wrong/deploy.yaml:4: expected acme/team-label, got no finding',
      'FAIL wrong/deploy.yaml:5: expected no finding, got acme/team-label at 5:3 (Deployment api has no `team` label)',
      '3 failures (2 plugin and custom rules, 2 examples, 2 fixture files in wrong)',
      '',
    ]);
  });

  it('checks built-in rules a marker names, and refuses an unknown id in a marker', () => {
    p.write(
      'builtin/pod.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest # expect: acme/tem-label\n',
    );
    const known = k8slint(['test-rules', 'builtin'], { cwd: p.dir });
    expect(known.stdout).toContain('FAIL builtin/pod.yaml:8: expected a known rule id, got unknown rule "acme/tem-label" in a marker');
    p.write(
      'builtin/pod.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest # expect: unpinned-image\n',
    );
    const run = k8slint(['test-rules', 'builtin'], { cwd: p.dir });
    expect(run.stdout).toMatch(/^all passed/);
    expect(run.code).toBe(0);
  });

  it('fails a plugin rule whose bad example does not trigger it, or whose good example does', () => {
    const q = project({ '.k8slint.yaml': 'plugins: [untested]\n' });
    try {
      q.write(
        'node_modules/k8slint-plugin-untested/package.json',
        JSON.stringify({ name: 'k8slint-plugin-untested', version: '0.0.1', main: 'index.js' }),
      );
      q.write(
        'node_modules/k8slint-plugin-untested/index.js',
        `const meta = { id: 'no-default-namespace', title: 'Objects name a namespace', severity: 'warning', category: 'reliability', status: 'stable', since: '0.0.1', aliases: [], references: [],
  rationale: 'The default namespace is shared by everyone.', remediation: 'Set metadata.namespace.',
  examples: [{ lang: 'yaml', bad: 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\n  namespace: default\\n', good: 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\n' }] };
// Wrong on purpose: it reports a namespace that is set, so the bad example stays silent and the good one fires.
module.exports = { rules: { 'no-default-namespace': { meta, handlers: { 'k8s:object': (o, ctx) => { if (o.namespace === undefined) ctx.report({ at: o.node, message: 'no namespace' }); } } } } };
`,
      );
      const run = k8slint(['test-rules'], { cwd: q.dir });
      expect(run.code).toBe(1);
      expect(run.stdout.split('\n')).toEqual([
        'FAIL untested/no-default-namespace example 1 (bad): expected a finding of untested/no-default-namespace, got no finding',
        'FAIL untested/no-default-namespace example 1 (good):1: expected no finding of untested/no-default-namespace, got untested/no-default-namespace at 1:1 (no namespace)',
        '2 failures (1 plugin and custom rule, 1 example, no fixture folder)',
        '',
      ]);
    } finally {
      q.remove();
    }
  });

  it('exits 2 on a config error, and when there is nothing to test', () => {
    const q = project({ '.k8slint.yaml': 'plugins: [absent]\n' });
    try {
      const broken = k8slint(['test-rules'], { cwd: q.dir });
      expect(broken.code).toBe(2);
      expect(broken.stderr).toContain('plugin k8slint-plugin-absent (plugins: absent) is not installed');
      q.write('.k8slint.yaml', 'failOn: error\n');
      const empty = k8slint(['test-rules'], { cwd: q.dir });
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('test-rules found nothing to test');
    } finally {
      q.remove();
    }
  });
});

/** A custom rule as h-custom's loader makes one (the loader itself is theirs; this is the seam that runs its rules). */
const requireTeam = defineRule({
  meta: {
    id: 'require-team',
    title: 'Deployments carry a team label',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale: 'Ownership.',
    remediation: 'Add the label.',
    references: [],
    // The bad example is compliant: test-rules must say so.
    examples: [{ lang: 'yaml', bad: DEPLOYMENT_WITH_TEAM, good: DEPLOYMENT_WITH_TEAM }],
  },
  handlers: {
    'k8s:object': (object: K8sObject, ctx: RuleContext) => {
      if (object.kind === 'Deployment' && !('team' in object.labels))
        ctx.reportMissing(object.node, ['metadata', 'labels', 'team'], 'no team label');
    },
  },
});

describe('custom rules from the config (through the loader seam)', { timeout: 120_000 }, () => {
  let previous: CustomRuleLoader | undefined;
  let seen: Array<{ configDir: string; configPath?: string; inline: readonly unknown[]; reserved?: readonly unknown[] }>;
  let p: Project;
  beforeAll(() => {
    previous = customRuleLoader();
    seen = [];
    setCustomRuleLoader((input) => {
      seen.push(input);
      if (input.inline.some((r) => (r as { broken?: boolean }).broken))
        return { rules: [], errors: [new CustomRuleError(input.configPath ?? '', { line: 3, column: 5 }, 'customRules[0]: broken')] };
      return { rules: input.inline.length > 0 ? [requireTeam] : [], errors: [] };
    });
    p = project({ '.k8slint.yaml': 'customRules:\n  - id: require-team\n', 'deploy.yaml': DEPLOYMENT_WITHOUT_TEAM });
  });
  afterAll(() => {
    if (previous) setCustomRuleLoader(previous);
    p.remove();
  });

  it('hands the loader the config folder, path and customRules: entries, and runs its rules like any rule', () => {
    const run = lintFiles(['deploy.yaml'], { cwd: p.dir, rules: ['require-team'] });
    expect(seen.at(-1)).toMatchObject({ configDir: p.dir, configPath: `${p.dir}/.k8slint.yaml`, inline: [{ id: 'require-team' }] });
    expect(run.findings.map((f) => [f.ruleId, f.span.line, f.docsUrl])).toEqual([['require-team', 5, undefined]]);
    const rules = JSON.parse(k8slint(['rules', '--format', 'json'], { cwd: p.dir }).stdout) as Array<{ id: string; origin?: unknown }>;
    expect(rules.find((r) => r.id === 'require-team')?.origin).toEqual({ kind: 'custom', name: '.k8slint.yaml' });
  });

  it('test-rules fails a custom rule whose bad example does not trigger it', () => {
    const run = k8slint(['test-rules'], { cwd: p.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL require-team example 1 (bad): expected a finding of require-team, got no finding\n');
  });

  it('a custom rule with a built-in id, and the loader errors, are config errors', () => {
    p.write('.k8slint.yaml', 'customRules:\n  - broken: true\n');
    expect(k8slint(['deploy.yaml'], { cwd: p.dir }).stderr).toBe(`k8slint: ${p.dir}/.k8slint.yaml:3:5: customRules[0]: broken\n`);
    const clash = project({ '.k8slint.yaml': 'customRules:\n  - id: x\n', 'deploy.yaml': DEPLOYMENT_WITHOUT_TEAM });
    const saved = customRuleLoader();
    try {
      setCustomRuleLoader(() => ({ rules: [{ ...requireTeam, meta: { ...requireTeam.meta, id: 'privileged-container' } }], errors: [] }));
      const run = k8slint(['deploy.yaml'], { cwd: clash.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('has the id of the built-in rule privileged-container');
    } finally {
      if (saved) setCustomRuleLoader(saved);
      clash.remove();
    }
  });
});
