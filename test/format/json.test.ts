import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/format/json.js';
import { sampleReport } from './fixtures.js';

describe('json formatter', () => {
  it('emits the stable contract, pretty-printed with 2 spaces', () => {
    const text = formatJson(sampleReport(), { color: false });
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "version": "0.1.0",');
    const output = JSON.parse(text);
    expect(Object.keys(output)).toEqual(['version', 'findings', 'errors']);
    expect(output.findings[0]).toEqual({
      ruleId: 'no-latest-tag',
      severity: 'warning',
      category: 'dockerfile',
      message: 'Image ubuntu uses the latest tag',
      file: 'Dockerfile',
      line: 1,
      column: 6,
      endLine: 1,
      endColumn: 19,
      docsUrl: 'https://github.com/k8slint/k8slint/blob/v0.1.0/docs/rules/no-latest-tag.md',
    });
    expect(Object.keys(output.findings[1])).toEqual([
      'ruleId',
      'severity',
      'category',
      'message',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'docsUrl',
      'object',
      'source',
    ]);
    expect(output.findings[1]).toMatchObject({ object: 'Deployment/default/web', source: 'chart/templates/web.yaml' });
    expect(output.findings[2]).toHaveProperty('object');
    expect(output.findings[2]).not.toHaveProperty('source');
    expect(output.errors).toEqual([{ file: 'broken.yaml', line: 3, message: 'bad indentation of a mapping entry' }]);
  });

  it('keeps the findings order and omits an unknown error line', () => {
    const report = sampleReport({ errors: [{ file: 'x.yaml', message: 'cannot read' }] });
    const output = JSON.parse(formatJson(report, { color: false }));
    expect(output.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['no-latest-tag', 'no-privileged', 'resource-requests']);
    expect(output.errors).toEqual([{ file: 'x.yaml', message: 'cannot read' }]);
  });

  it('keeps only errors when quiet', () => {
    const output = JSON.parse(formatJson(sampleReport(), { color: false, quiet: true }));
    expect(output.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['no-privileged']);
    expect(output.errors).toHaveLength(1);
  });

  it('prints empty lists when there is nothing', () => {
    const output = JSON.parse(formatJson(sampleReport({ findings: [], errors: [] }), { color: false }));
    expect(output).toEqual({ version: '0.1.0', findings: [], errors: [] });
  });
});
