import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import jsyaml from 'js-yaml';
import { allRules } from '../../rules/index.js';
import { loadCustomRules } from '../../src/policy/custom/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with these rule files under `.k8slint/rules/` and, when given, this `.k8slint.yaml`. */
function project(ruleFiles: Record<string, string>, config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8slint-custom-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.k8slint', 'rules'), { recursive: true });
  for (const [name, text] of Object.entries(ruleFiles)) writeFileSync(join(dir, '.k8slint', 'rules', name), text);
  if (config !== undefined) writeFileSync(join(dir, '.k8slint.yaml'), config);
  return dir;
}

function load(ruleFiles: Record<string, string>, config?: string) {
  const dir = project(ruleFiles, config);
  const inline = config === undefined ? [] : ((jsyaml.load(config) as { customRules?: unknown[] }).customRules ?? []);
  return loadCustomRules({
    configDir: dir,
    ...(config !== undefined && { configPath: join(dir, '.k8slint.yaml') }),
    inline,
    reserved: allRules,
    cwd: dir,
  });
}

const HEAD = `id: team-rule
title: A team rule
severity: warning
category: reliability
rationale: Because the team says so.
remediation: Do what the team says.
`;

const K8S_MATCH = `match:
  kubernetes:
    kinds: [Deployment]
`;

describe('loading custom rules', () => {
  it('makes a rule with the meta of a built-in rule', () => {
    const { rules, errors } = load({
      'a.yaml': `${HEAD}aliases: [peer-id]\nreferences: [https://example.com]\n${K8S_MATCH}validations:\n  - expression: has(object.spec)\n`,
    });
    expect(errors).toEqual([]);
    const meta = rules[0]?.meta;
    expect(meta).toMatchObject({
      id: 'team-rule',
      title: 'A team rule',
      severity: 'warning',
      category: 'reliability',
      status: 'stable',
      aliases: ['peer-id'],
      references: ['https://example.com'],
      examples: [],
    });
    expect(meta?.since).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(rules[0]?.handlers ?? {})).toEqual(['k8s:all']);
  });

  it('reads several rules from one file (one per YAML document) and from several files in name order', () => {
    const second = HEAD.replace('team-rule', 'second-rule');
    const third = HEAD.replace('team-rule', 'third-rule');
    const body = `${K8S_MATCH}validations:\n  - expression: 'true'\n`;
    const { rules, errors } = load({ 'b.yml': `${second}${body}---\n${third}${body}`, 'a.yaml': `${HEAD}${body}`, 'notes.txt': 'ignored' });
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.meta.id)).toEqual(['team-rule', 'second-rule', 'third-rule']);
  });

  it('names file, line, column and key of a schema error, with a suggestion for a misspelt key', () => {
    const { rules, errors } = load({
      'bad.yaml': `${HEAD}${K8S_MATCH}validations:\n  - expresion: has(object.spec)\n`,
      'good.yaml': `${HEAD.replace('team-rule', 'other-rule')}${K8S_MATCH}validations:\n  - expression: 'true'\n`,
    });
    expect(errors.map((e) => e.message)).toEqual([
      '.k8slint/rules/bad.yaml:11:5: validations.0.expresion: unknown key (did you mean "expression"?)',
    ]);
    // The other file still loads.
    expect(rules.map((r) => r.meta.id)).toEqual(['other-rule']);
  });

  it('explains a missing key, a bad id, a bad enum and a match with two targets', () => {
    const cases: Array<[string, string]> = [
      [`${HEAD}${K8S_MATCH}`, '.k8slint/rules/r.yaml:1:1: the key "validations" is required'],
      [
        `${HEAD.replace('id: team-rule', 'id: Team_Rule')}${K8S_MATCH}validations: [{expression: 'true'}]\n`,
        '.k8slint/rules/r.yaml:1:5: id: must be lowercase words joined by dashes (team-labels)',
      ],
      [
        `${HEAD.replace('severity: warning', 'severity: fatal')}${K8S_MATCH}validations: [{expression: 'true'}]\n`,
        '.k8slint/rules/r.yaml:3:11: severity: must be one of error, warning, info',
      ],
      [
        `${HEAD}match:\n  kubernetes: {}\n  compose: {}\nvalidations: [{expression: 'true'}]\n`,
        '.k8slint/rules/r.yaml:8:3: match: name exactly one target: kubernetes, dockerfile, compose',
      ],
    ];
    for (const [text, message] of cases) expect(load({ 'r.yaml': text }).errors.map((e) => e.message)).toEqual([message]);
  });

  it('refuses an id or alias of a built-in rule, and a second custom rule with the same id', () => {
    const body = `${K8S_MATCH}validations: [{expression: 'true'}]\n`;
    expect(load({ 'r.yaml': `${HEAD.replace('team-rule', 'service-type-exposed')}${body}` }).errors.map((e) => e.message)).toEqual([
      '.k8slint/rules/r.yaml:1:5: id: "service-type-exposed" is already the rule service-type-exposed; give the custom rule an id of its own',
    ]);
    expect(load({ 'r.yaml': `${HEAD}aliases: [DL3026]\n${body}` }).errors[0]?.message).toBe(
      '.k8slint/rules/r.yaml:7:11: aliases.0: "DL3026" is already an alias of untrusted-registry',
    );
    const twice = load({ 'a.yaml': `${HEAD}${body}`, 'b.yaml': `${HEAD}${body}` });
    expect(twice.rules).toHaveLength(1);
    expect(twice.errors[0]?.message).toBe(
      '.k8slint/rules/b.yaml:1:5: id: "team-rule" is already the custom rule in .k8slint/rules/a.yaml; give the custom rule an id of its own',
    );
  });

  it('points a CEL compile error at its line and column inside the YAML file, whatever the scalar style', () => {
    const cases: Array<[string, string]> = [
      // plain scalar: `object.spec +` fails at its end
      [`  - expression: object.spec + \n`, '11:30'],
      // double-quoted, after an escaped quote
      [`  - expression: "object.metadata.name == \\"a\\" &&"\n`, '11:50'],
      // literal block scalar: the error is on the block's second line
      [`  - expression: |\n      has(object.spec) &&\n        object.spec.replicas >\n`, '13:31'],
      // folded block scalar
      [`  - expression: >-\n      has(object.spec) &&\n      object.spec.(x)\n`, '13:19'],
    ];
    for (const [validation, position] of cases) {
      const { errors } = load({ 'r.yaml': `${HEAD}${K8S_MATCH}validations:\n${validation}` });
      expect(errors).toHaveLength(1);
      const error = errors[0]!;
      expect(`${error.position?.line}:${error.position?.column}`, validation).toBe(position);
      expect(error.message).toMatch(
        /^\.k8slint\/rules\/r\.yaml:\d+:\d+: validations\.0\.expression: CEL: .+ \(at character \d+ of the expression; variables: object, containers, namespaceObject, params\)$/,
      );
    }
  });

  it('refuses a variable the target does not have', () => {
    const { errors } = load({ 'r.yaml': `${HEAD}${K8S_MATCH}validations:\n  - expression: container.name != ''\n` });
    expect(errors[0]?.message).toMatch(/^\.k8slint\/rules\/r\.yaml:11:17: validations\.0\.expression: CEL: /);
  });

  it('checks paths, forEach and Dockerfile targets', () => {
    expect(
      load({ 'r.yaml': `${HEAD}${K8S_MATCH}validations:\n  - expression: 'true'\n    path: spec.containers[x]\n` }).errors[0]?.message,
    ).toBe('.k8slint/rules/r.yaml:12:26: validations.0.path: "[x]" is neither an index, [*] nor a quoted key');
    expect(
      load({ 'r.yaml': `${HEAD}match:\n  compose: {}\nvalidations:\n  - expression: 'true'\n    forEach: containers\n` }).errors[0]
        ?.message,
    ).toBe('.k8slint/rules/r.yaml:11:14: validations.0.forEach: forEach: containers is for Kubernetes rules');
    expect(
      load({
        'r.yaml': `${HEAD}match:\n  dockerfile: {instructions: [FROM]}\nvalidations:\n  - expression: 'true'\n    path: spec.image\n`,
      }).errors[0]?.message,
    ).toBe(
      '.k8slint/rules/r.yaml:11:11: validations.0.path: a Dockerfile rule points at image, arguments, keyword or flags.<name>, not "spec.image"',
    );
    expect(
      load({ 'r.yaml': `${HEAD}match:\n  dockerfile: {instructions: [FROM, RUNN]}\nvalidations:\n  - expression: 'true'\n` }).errors[0]
        ?.message,
    ).toBe('.k8slint/rules/r.yaml:8:37: match.dockerfile.instructions.1: unknown instruction "RUNN"');
  });

  it('reports invalid YAML with its position, and a rule file that is not a mapping', () => {
    expect(load({ 'r.yaml': 'id: [unclosed\n' }).errors[0]?.message).toMatch(/^\.k8slint\/rules\/r\.yaml:\d+:\d+: invalid YAML: /);
    expect(load({ 'r.yaml': '- just\n- a list\n' }).errors[0]?.message).toBe('.k8slint/rules/r.yaml:1:1: must be object');
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(load({ 'r.yaml': bomb }).errors[0]?.message).toMatch(/^\.k8slint\/rules\/r\.yaml: invalid YAML: /);
  });

  it('names a rule "file" that is a folder, and loads the rest', () => {
    const dir = project({ 'a.yaml': `${HEAD}${K8S_MATCH}validations: [{expression: 'true'}]\n` });
    mkdirSync(join(dir, '.k8slint', 'rules', 'folder.yaml'));
    const result = loadCustomRules({ configDir: dir, inline: [], reserved: allRules, cwd: dir });
    expect(result.errors.map((e) => e.message)).toEqual(['.k8slint/rules/folder.yaml: not a regular file']);
    expect(result.rules.map((r) => r.meta.id)).toEqual(['team-rule']);
  });

  it('locates inline `customRules:` entries in the config file', () => {
    const config = `failOn: error\ncustomRules:\n  - ${HEAD.trim().split('\n').join('\n    ')}\n    match: {kubernetes: {}}\n    validations:\n      - expression: object.kind ==\n`;
    const { errors } = load({}, config);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^\.k8slint\.yaml:11:35: customRules\.0\.validations\.0\.expression: CEL: /) as unknown as string,
    ]);
  });

  it('refuses a built-in id when the caller names no reserved rules', () => {
    const result = loadCustomRules({
      configDir: tmpdir(),
      inline: [
        { ...(jsyaml.load(HEAD) as object), id: 'service-type-exposed', match: { kubernetes: {} }, validations: [{ expression: 'true' }] },
      ],
    });
    expect(result.errors[0]?.detail).toBe(
      'customRules.0.id: "service-type-exposed" is already the rule service-type-exposed; give the custom rule an id of its own',
    );
  });

  it('still names the file of an inline entry when the config cannot be re-read', () => {
    const result = loadCustomRules({ configDir: tmpdir(), inline: [{ id: 'x' }], reserved: allRules, cwd: tmpdir() });
    expect(result.errors[0]?.message).toBe('.k8slint.yaml: customRules.0: the key "title" is required');
  });
});
