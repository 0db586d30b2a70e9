import { describe, expect, it } from 'vitest';
import { lintTexts, registry } from '../src/index.js';
import { selectRules } from '../src/app/select.js';
import { requireProgram } from './helpers/programs.js';

const shellcheck = requireProgram('shellcheck');
const run = (text: string, rules = ['shellcheck']) =>
  lintTexts([{ path: 'Dockerfile', text }], { rules }).findings.map(
    (f) => `${f.span.line}:${f.span.column}-${f.span.endColumn} ${f.severity} ${f.ruleId} ${f.message.slice(0, 6)}`,
  );

describe('shellcheck rule', () => {
  it('declares the program it runs and the codes its findings carry', () => {
    const rule = registry.byId('shellcheck');
    expect(rule.requires).toEqual({ program: 'shellcheck', enabledBy: 'shellcheck' });
    expect(['SC2086', 'sc1000'].map((code) => rule.codes?.test(code))).toEqual([true, true]);
    expect(['SC208', 'DL3008', 'shellcheck'].map((code) => rule.codes?.test(code))).toEqual([false, false, false]);
  });

  it('is off by default and turned on by `shellcheck: true`', () => {
    expect(selectRules({ ignorePaths: [], rules: {} }, [], []).rules.map((r) => r.meta.id)).not.toContain('shellcheck');
    expect(selectRules({ ignorePaths: [], rules: {}, shellcheck: true }, [], []).rules.map((r) => r.meta.id)).toContain('shellcheck');
  });

  it('reports ShellCheck codes at their Dockerfile position, with ShellCheck levels', shellcheck.options, () => {
    const text = 'FROM debian:12\nRUN cd /app; \\\n    echo $X && \\\n    [[ -f x ]]\n';
    expect(run(text)).toEqual(['2:5-12 warning shellcheck SC2164', '3:10-12 info shellcheck SC2086', '4:5-15 warning shellcheck SC3010']);
  });

  it('declares the ARG and ENV names the RUN sees, and uses the stage SHELL', shellcheck.options, () => {
    expect(run('FROM debian:12\nARG A\nENV B=1\nRUN test -n "$A$B"\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f x ]]\n')).toEqual([]);
  });

  it('checks heredoc scripts and skips exec form, PowerShell and non-shell heredocs', shellcheck.options, () => {
    const text =
      'FROM debian:12\nRUN <<EOF\necho $X\nEOF\nRUN python3 <<EOF\nprint($X)\nEOF\nRUN ["sh", "-c", "echo $x"]\nSHELL ["pwsh", "-c"]\nRUN echo $X\n';
    expect(run(text)).toEqual(['3:6-8 info shellcheck SC2086']);
  });

  it('is suppressed by code with `# hadolint ignore=SC…` and `# k8slint-disable-next-line SC…`', shellcheck.options, () => {
    const text =
      'FROM debian:12\n# hadolint ignore=SC2164\nRUN cd /app; echo $X\n# k8slint-disable-next-line SC2086 -- fixture\nRUN echo $Y\n';
    expect(run(text)).toEqual(['3:19-21 info shellcheck SC2086']);
  });
});
