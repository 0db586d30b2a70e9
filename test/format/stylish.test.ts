import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../src/format/stylish.js';
import { latestTag, makeFinding, privileged, requests, sampleReport, span } from './fixtures.js';
import { defined } from '../helpers/defined.js';
import type { Finding } from '../../src/types.js';

// eslint-disable-next-line no-control-regex -- colour codes are what these tests look for
const ANSI = /\u001b\[/;

describe('stylish formatter', () => {
  it('groups by file with aligned position and severity columns, code frames, input errors and a summary', () => {
    expect(formatStylish(sampleReport(), { color: false })).toBe(
      [
        'Dockerfile',
        '  1:6  warning  Image ubuntu uses the latest tag  no-latest-tag',
        '    > 1 | FROM ubuntu:latest',
        '        |      ^^^^^^^^^^^^^',
        '      2 |     RUN apt-get update',
        '',
        'deploy/web app.yaml',
        // The object does not fit in 80 columns after the rule id: a line of its own, under the message.
        '  11:13  error  Container app is privileged  no-privileged',
        '                (Deployment/default/web, from chart/templates/web.yaml)',
        '      10 |           securityContext:',
        '    > 11 |             privileged: true',
        '         |             ^^^^^^^^^^^^^^^^',
        '',
        // A multi-line span gets carets to the end of its first line.
        '  9:11   info   Container app has no resource requests  resource-requests',
        '                (Deployment/default/web)',
        '       8 |       containers:',
        '    >  9 |         - name: app',
        '         |           ^^^^^^^^^',
        '      10 |           securityContext:',
        '',
        'broken.yaml:3:7  error  bad indentation of a mapping entry',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '✖ 1 input error',
        '',
      ].join('\n'),
    );
  });

  it('prints `line:col  severity  message  rule-id` rows', () => {
    const report = sampleReport({ findings: [makeFinding(latestTag, 'Dockerfile', span(3, 5, 3, 9), 'Some message')], errors: [] });
    const out = formatStylish(report, { color: false });
    expect(out).toContain('\n  3:5  warning  Some message  no-latest-tag\n');
    expect(out).toContain('✖ 1 problem (0 errors, 1 warning, 0 info)');
    expect(out).not.toContain('input error');
  });

  it('expands tabs the same way in the line and under it, and ignores CRLF', () => {
    const text = 'kind: Pod\r\n\tkey: value\r\nlast: 1\r\n';
    const finding = makeFinding(latestTag, 'pod.yaml', span(2, 2, 2, 5), 'tabbed');
    const out = formatStylish(sampleReport({ findings: [finding], errors: [], sources: new Map([['pod.yaml', text]]) }), { color: false });
    expect(out).not.toContain('\r');
    const lines = out.split('\n');
    const code = lines.find((l) => l.includes('> 2 |'))!;
    const carets = defined(lines[lines.indexOf(code) + 1]);
    expect(code).toBe('    > 2 |     key: value');
    expect(carets.indexOf('^')).toBe(code.indexOf('key'));
    expect(carets.trimEnd().endsWith('|     ^^^')).toBe(true);
  });

  it('puts at least one caret under an empty span or one past the end of the line', () => {
    const text = 'FROM a\nRUN x\n';
    const findings = [
      makeFinding(latestTag, 'Dockerfile', span(1, 3, 1, 3), 'empty'),
      makeFinding(latestTag, 'Dockerfile', span(2, 6, 2, 9), 'past end'),
    ];
    const out = formatStylish(sampleReport({ findings, errors: [], sources: new Map([['Dockerfile', text]]) }), { color: false });
    expect(out).toContain('    > 1 | FROM a\n        |   ^\n');
    expect(out).toContain('    > 2 | RUN x\n        |      ^\n');
  });

  it('skips the code frame when the source is unknown', () => {
    const report = sampleReport({ findings: [makeFinding(latestTag, 'gone', span(1, 1, 1, 2), 'm')], errors: [], sources: new Map() });
    expect(formatStylish(report, { color: false })).toBe(
      'gone\n  1:1  warning  m  no-latest-tag\n\n✖ 1 problem (0 errors, 1 warning, 0 info)\n',
    );
  });

  it('counts errors, warnings and infos in the summary', () => {
    const f = (rule: typeof latestTag) => makeFinding(rule, 'a.yaml', span(1, 1, 1, 2), 'm');
    const findings = [f(privileged), f(privileged), f(latestTag), f(latestTag), f(latestTag), f(requests)];
    const errors = [
      { file: 'b.yaml', message: 'x' },
      { file: 'c.yaml', line: 2, message: 'y' },
    ];
    const out = formatStylish(sampleReport({ findings, errors }), { color: false });
    expect(out).toContain('✖ 6 problems (2 errors, 3 warnings, 1 info)\n✖ 2 input errors\n');
    expect(out).toContain('b.yaml    error  x\nc.yaml:2  error  y\n');
  });

  it('uses ANSI colours only when asked', () => {
    expect(formatStylish(sampleReport(), { color: false })).not.toMatch(ANSI);
    expect(formatStylish(sampleReport(), { color: true })).toMatch(ANSI);
  });

  it('shows only errors and input errors when quiet', () => {
    const out = formatStylish(sampleReport(), { color: false, quiet: true });
    expect(out).not.toContain('no-latest-tag');
    expect(out).not.toContain('resource-requests');
    expect(out).toContain('no-privileged');
    expect(out).toContain('broken.yaml:3:7  error');
    expect(out).toContain('✖ 1 problem (1 error, 0 warnings, 0 info)');
  });

  it('prints nothing at all when there is nothing to report', () => {
    expect(formatStylish(sampleReport({ findings: [], errors: [] }), { color: false })).toBe('');
    const warningsOnly = sampleReport({ findings: [makeFinding(latestTag, 'Dockerfile', span(1, 1, 1, 2), 'm')], errors: [] });
    expect(formatStylish(warningsOnly, { color: true, quiet: true })).toBe('');
  });

  it('wraps a long message under its column and keeps the rule id whole, with its last word', () => {
    const message =
      'container "app" may run as root: set securityContext.runAsNonRoot: true (on the pod or the container) or a non-zero runAsUser';
    const report = sampleReport({
      findings: [makeFinding(privileged, 'p.yaml', span(1, 1, 1, 2), message)],
      errors: [],
      sources: new Map(),
    });
    expect(formatStylish(report, { color: false, width: 60 })).toBe(
      [
        'p.yaml',
        '  1:1  error  container "app" may run as root: set',
        '              securityContext.runAsNonRoot: true (on the pod',
        '              or the container) or a non-zero',
        // The id does not fit after "runAsUser": the word comes down with it.
        '              runAsUser  no-privileged',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 info)',
        '',
      ].join('\n'),
    );
    // Wider: the id follows the last word; its object goes on its own line only when it does not fit.
    const wide = formatStylish(report, { color: false, width: 160 });
    expect(wide).toContain(`  1:1  error  ${message}  no-privileged\n`);
  });

  it('counts wide characters as two columns when wrapping', () => {
    const message = '镜像 ' + '名'.repeat(30) + ' 没有 标签';
    const report = sampleReport({
      findings: [makeFinding(latestTag, 'Dockerfile', span(1, 1, 1, 2), message)],
      errors: [],
      sources: new Map(),
    });
    const rows = formatStylish(report, { color: false, width: 50 }).split('\n');
    const displayWidth = (t: string) => [...t].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(50);
    expect(rows).toEqual([
      'Dockerfile',
      '  1:1  warning  镜像',
      '                名名名名名名名名名名名名名名名名名',
      '                名名名名名名名名名名名名名 没有',
      '                标签  no-latest-tag',
      '',
      '✖ 1 problem (0 errors, 1 warning, 0 info)',
      '',
    ]);
  });

  it('counts the findings an autofix can repair in the summary, marks them, and says nothing when none can', () => {
    const edit = { line: 1, column: 1, endLine: 1, endColumn: 1, text: 'x' };
    const safe = { fix: { safety: 'safe', description: 'd', edits: [edit] } } as Partial<Finding>;
    const unsafe = { fix: { safety: 'unsafe', description: 'd', edits: [edit] } } as Partial<Finding>;
    const findings = [
      makeFinding(latestTag, 'a', span(1, 1, 1, 2), 'm', safe),
      makeFinding(latestTag, 'a', span(2, 1, 2, 2), 'm', safe),
      makeFinding(latestTag, 'a', span(3, 1, 3, 2), 'm', unsafe),
      makeFinding(latestTag, 'a', span(4, 1, 4, 2), 'm'),
    ];
    const text = formatStylish(sampleReport({ findings, errors: [], sources: new Map() }), { color: false });
    expect(text).toContain('✖ 4 problems (0 errors, 4 warnings, 0 info)\n  2 fixable with --fix (1 more with --unsafe-fixes)\n');
    expect(text.match(/no-latest-tag \(fixable\)/g)).toHaveLength(2);
    expect(text.match(/no-latest-tag \(unsafe fix\)/g)).toHaveLength(1);
    expect(formatStylish(sampleReport(), { color: false })).not.toContain('fixable');
  });

  it('wraps input error messages under their column', () => {
    const errors = [
      {
        file: 'values.yaml',
        line: 19,
        column: 15,
        message: 'YAML syntax error: missed comma between flow collection entries in a Helm template',
      },
    ];
    expect(formatStylish(sampleReport({ findings: [], errors }), { color: false, width: 60 })).toBe(
      [
        'values.yaml:19:15  error  YAML syntax error: missed comma',
        '                          between flow collection entries in',
        '                          a Helm template',
        '',
        '✖ 1 input error',
        '',
      ].join('\n'),
    );
  });

  it('code frames fit the width even when tabs and escapes widen the lines', () => {
    const long = `\t\t\tcurl -sO https://packages.example.com/maven/io/example/kafka-connect/${'x'.repeat(80)}/archive.zip`;
    const text = `FROM a\n${long}\n\t\t\t\t\t\t\t\t\t\t${'y'.repeat(90)}\n`;
    const finding = makeFinding(latestTag, 'Dockerfile', span(2, 4, 2, 60), 'downloads without checking');
    const out = formatStylish(sampleReport({ findings: [finding], errors: [], sources: new Map([['Dockerfile', text]]) }), {
      color: false,
      width: 80,
    });
    const lines = out.split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const code = defined(lines.find((l) => l.includes('> 2 |')));
    const carets = defined(lines[lines.indexOf(code) + 1]);
    expect(code.endsWith('…')).toBe(true);
    expect(carets.indexOf('^')).toBe(code.indexOf('curl'));
    expect(defined(lines.find((l) => l.includes('  3 |'))).endsWith('…')).toBe(true);
  });
});
