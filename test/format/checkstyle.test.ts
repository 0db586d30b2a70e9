import { describe, expect, it } from 'vitest';
import { formatCheckstyle } from '../../src/format/checkstyle.js';
import { parseXml } from '../integration/xml.js';
import { sampleReport } from './fixtures.js';
import { defined, take } from '../helpers/defined.js';

// Checkstyle's XML report as its consumers read it (Jenkins warnings-ng, reviewdog -f=checkstyle):
// <checkstyle version><file name><error line column? severity message source/></file></checkstyle>.
const SEVERITIES = ['ignore', 'info', 'warning', 'error'];

describe('checkstyle formatter', () => {
  it('has the documented shape', () => {
    const root = parseXml(formatCheckstyle(sampleReport(), { color: false }));
    expect(root.name).toBe('checkstyle');
    expect(root.attributes.version).toMatch(/^\d+(\.\d+)*$/);
    for (const file of root.children) {
      expect(file.name).toBe('file');
      expect(Object.keys(file.attributes)).toEqual(['name']);
      for (const error of file.children) {
        expect(error.name).toBe('error');
        expect(error.children).toEqual([]);
        expect(error.attributes.line).toMatch(/^[1-9]\d*$/);
        if ('column' in error.attributes) expect(error.attributes.column).toMatch(/^[1-9]\d*$/);
        expect(SEVERITIES).toContain(error.attributes.severity);
        expect(error.attributes.message).not.toBe('');
        expect(error.attributes.source).toMatch(/^k8slint\.[a-z0-9-]+$/);
        for (const key of Object.keys(error.attributes)) expect(['line', 'column', 'severity', 'message', 'source']).toContain(key);
      }
    }
  });

  it('groups findings and input errors by file, sorted', () => {
    const root = parseXml(formatCheckstyle(sampleReport(), { color: false }));
    expect(root.children.map((f) => f.attributes.name)).toEqual(['Dockerfile', 'broken.yaml', 'deploy/web app.yaml']);
    const [docker, broken, deploy] = take(root.children, 3);
    expect(defined(docker.children[0]).attributes).toEqual({
      line: '1',
      column: '6',
      severity: 'warning',
      message: 'Image ubuntu uses the latest tag',
      source: 'k8slint.no-latest-tag',
    });
    expect(defined(broken.children[0]).attributes).toEqual({
      line: '3',
      column: '7',
      severity: 'error',
      message: 'bad indentation of a mapping entry',
      source: 'k8slint.input-error',
    });
    const web = deploy.children.map((e) => e.attributes);
    expect(web).toContainEqual({
      line: '11',
      column: '13',
      severity: 'error',
      message: 'Container app is privileged (from chart/templates/web.yaml)',
      source: 'k8slint.no-privileged',
    });
    expect(web).toContainEqual(expect.objectContaining({ severity: 'info', source: 'k8slint.resource-requests' }));
  });

  it('writes an empty report when there is nothing, and honours quiet', () => {
    expect(formatCheckstyle(sampleReport({ findings: [], errors: [] }), { color: false })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n',
    );
    const quiet = parseXml(formatCheckstyle(sampleReport({ errors: [] }), { color: false, quiet: true }));
    expect(quiet.children.flatMap((f) => f.children.map((e) => e.attributes.severity))).toEqual(['error']);
  });
});
