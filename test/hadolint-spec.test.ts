import { describe, expect, it } from 'vitest';
import { lintTexts } from '../src/index.js';
import { allRules } from '../rules/index.js';
import { SPEC_CASES, type SpecCase } from './hadolint-spec-cases.js';

/** The rule id that carries each DL alias. */
const ruleOfCode = new Map(allRules.flatMap((r) => r.meta.aliases.filter((a) => /^DL\d{4}$/.test(a)).map((a) => [a, r.meta.id] as const)));
const claimed = [...ruleOfCode.keys()];

interface Expanded extends SpecCase {
  name: string;
  dockerfile: string;
}

function withFrom(text: string): string {
  return /^FROM\s/im.test(text) ? text : `FROM debian:12\n${text}`;
}

/** hadolint's onBuild variant: every instruction after the first FROM wrapped in ONBUILD. */
function asOnbuild(text: string): string {
  const lines = withFrom(text).split('\n');
  const continues = (i: number): boolean => i > 0 && (lines[i - 1] ?? '').endsWith('\\');
  return lines
    .map((line, i) =>
      i === 0 || continues(i) || /^(FROM|#)\s?/i.test(line) || line.trim() === '' || /^ONBUILD\s/i.test(line) ? line : `ONBUILD ${line}`,
    )
    .join('\n');
}

function expand(cases: readonly SpecCase[]): Expanded[] {
  return cases.flatMap((c) => {
    const plain = {
      ...c,
      name: `${c.dl} ${c.hits ? 'hits' : 'passes'}: ${c.text.replace(/\n/g, ' ⏎ ')}`,
      dockerfile: `${withFrom(c.text)}\n`,
    };
    if (!c.onbuild) return [plain];
    return [plain, { ...c, name: `${plain.name} (ONBUILD)`, dockerfile: `${asOnbuild(c.text)}\n` }];
  });
}

/** Whether the rule fires; for a case with a `count`, whether it fires exactly that often. */
function verdict(c: Expanded): boolean {
  const ruleId = ruleOfCode.get(c.dl);
  if (!ruleId) throw new Error(`no rule claims ${c.dl}`);
  const { findings, errors } = lintTexts([{ path: 'Dockerfile', text: c.dockerfile }], {
    rules: claimed,
    ...(c.options ? { options: c.options } : {}),
  });
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
  const count = findings.filter((f) => f.ruleId === ruleId).length;
  return c.count === undefined ? count > 0 : count === c.count;
}

const cases = expand(SPEC_CASES);
const results = cases.map((c) => ({ c, agrees: verdict(c) === (c.count === undefined ? c.hits : true) }));

describe('hadolint specification cases', () => {
  it('agreement with hadolint over every case of the claimed DL ids', () => {
    const agreeing = results.filter((r) => r.agrees).length;
    const pct = ((100 * agreeing) / results.length).toFixed(1);
    const byCode = new Map<string, number>();
    for (const r of results) if (!r.agrees) byCode.set(r.c.dl, (byCode.get(r.c.dl) ?? 0) + 1);
    console.log(
      `hadolint spec agreement: ${agreeing}/${results.length} = ${pct}% (disagreements by id: ${[...byCode].map(([k, v]) => `${k}:${v}`).join(' ') || 'none'})`,
    );
    expect(agreeing / results.length).toBeGreaterThanOrEqual(0.97);
  });

  it('every case of an id k8slint claims', () => {
    for (const c of SPEC_CASES) expect(claimed, c.dl).toContain(c.dl);
  });

  for (const { c, agrees } of results) {
    if (c.deliberate) {
      it(`deliberate difference — ${c.name} (${c.deliberate})`, () => expect(agrees).toBe(false));
    } else {
      it(c.name, () => expect(agrees).toBe(true));
    }
  }
});

describe('`# hadolint stage ignore=` pragma', () => {
  const lines = (text: string): string[] =>
    lintTexts([{ path: 'Dockerfile', text }], { rules: ['DL3008', 'DL3059'] }).findings.map((f) => `${f.span.line} ${f.ruleId}`);

  it('silences the listed rules in the stage the FROM below it starts, and only there', () => {
    const text = [
      '# hadolint stage ignore=DL3008',
      'FROM debian:12 AS build',
      'RUN apt-get install -y --no-install-recommends curl',
      'RUN apt-get install -y --no-install-recommends wget',
      'FROM debian:12',
      'RUN apt-get install -y --no-install-recommends git',
      '',
    ].join('\n');
    expect(lines(text)).toEqual(['4 consecutive-run', '6 apt-get-unpinned-package']);
  });

  it('inside a stage, silences the rest of that stage', () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN apt-get install -y --no-install-recommends curl',
      '# hadolint stage ignore=DL3008,DL3059',
      'RUN apt-get install -y --no-install-recommends wget',
      'FROM debian:12',
      'RUN apt-get install -y --no-install-recommends git',
      '',
    ].join('\n');
    expect(lines(text)).toEqual(['2 apt-get-unpinned-package', '6 apt-get-unpinned-package']);
  });
});
