import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { selectRules } from '../src/cli/run.js';
import { hadolintRuleOptions, type Config } from '../src/config/load.js';
import { allRules } from '../rules/index.js';

const ids = (text: string, rules: string[]): string[] =>
  lintTexts([{ path: 'Dockerfile', text }], { rules }).findings.map((f) => `${f.span.line} ${f.ruleId}`);

describe('hadolint pragmas with the DL aliases', () => {
  it('`# hadolint ignore=` suppresses the next instruction only, for every listed code', () => {
    const text = [
      'FROM debian:12',
      '# hadolint ignore=DL3008,DL3015',
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      'RUN apt-get update && apt-get install -y wget && rm -rf /var/lib/apt/lists/*',
      '',
    ].join('\n');
    expect(ids(text, ['DL3008', 'DL3015'])).toEqual(['4 apt-get-install-recommends', '4 apt-get-unpinned-package']);
  });

  it('`# hadolint global ignore=` suppresses the whole file', () => {
    const text = '# hadolint global ignore=DL3059,DL4006\nFROM debian:12\nRUN curl -s x | sh\nRUN mkdir /a\nRUN mkdir /b\n';
    expect(ids(text, ['DL3059', 'DL4006'])).toEqual([]);
    expect(ids(text.replace('# hadolint global ignore=DL3059,DL4006\n', ''), ['DL3059', 'DL4006']).sort()).toEqual([
      '2 pipe-without-pipefail',
      '4 consecutive-run',
    ]);
  });

  it('resolves every DL code of the rule pack to one rule', () => {
    const codes = allRules.flatMap((r) => r.meta.aliases.filter((a) => /^DL\d{4}$/.test(a)));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of [
      'DL3001',
      'DL3003',
      'DL3004',
      'DL3008',
      'DL3009',
      'DL3010',
      'DL3011',
      'DL3013',
      'DL3015',
      'DL3016',
      'DL3018',
      'DL3019',
      'DL3020',
      'DL3021',
      'DL3022',
      'DL3023',
      'DL3026',
      'DL3027',
      'DL3028',
      'DL3030',
      'DL3032',
      'DL3033',
      'DL3034',
      'DL3035',
      'DL3036',
      'DL3037',
      'DL3038',
      'DL3040',
      'DL3041',
      'DL3042',
      'DL3043',
      'DL3044',
      'DL3045',
      'DL3046',
      'DL3047',
      'DL3048',
      'DL3049',
      'DL3050',
      'DL3051',
      'DL3052',
      'DL3053',
      'DL3054',
      'DL3055',
      'DL3056',
      'DL3057',
      'DL3058',
      'DL3059',
      'DL3060',
      'DL3061',
      'DL3062',
      'DL4001',
      'DL4005',
      'DL4006',
    ]) {
      expect(codes, code).toContain(code);
    }
  });
});

describe('hadolint configuration keys', () => {
  const config: Config = {
    ignorePaths: [],
    rules: {},
    trustedRegistries: 'registry.example.com',
    'label-schema': { version: 'semver' },
    'strict-labels': true,
  };

  it('maps trustedRegistries, label-schema and strict-labels to the rules that take them', () => {
    const options = hadolintRuleOptions(config, allRules);
    expect(options.get('untrusted-registry')).toEqual({ trustedRegistries: ['registry.example.com'] });
    expect(options.get('label-not-in-schema')).toEqual({ labelSchema: { version: 'semver' }, strictLabels: true });
    expect(options.get('label-schema-format')).toEqual({ labelSchema: { version: 'semver' } });
    expect(options.has('apt-get-install-yes')).toBe(false);
  });

  it('lets options under rules: win over the top-level keys', () => {
    const selection = selectRules(
      { ...config, rules: { 'untrusted-registry': { options: { trustedRegistries: ['docker.io'] } } } },
      [],
      [],
    );
    expect(selection.ruleOptions.get('untrusted-registry')).toEqual({ trustedRegistries: ['docker.io'] });
    expect(selectRules(config, [], []).ruleOptions.get('label-schema-missing')).toEqual({ labelSchema: { version: 'semver' } });
  });
});
