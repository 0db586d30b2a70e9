import { describe, expect, it } from 'vitest';
import { registry } from '../src/index.js';
import { PEER_CHECKS } from '../src/engine/peer-checks.js';
import { peerCoverage } from '../src/app/coverage.js';

describe("coverage of the peers' checks (docs/coverage.md)", () => {
  it('lists every check of kube-linter (63), kube-score (39), Polaris and the PSS controls (19), once each', () => {
    const counts = Object.fromEntries(Object.entries(PEER_CHECKS).map(([tool, data]) => [tool, data.checks.length]));
    // k8s-anchors.md §3.1 says 43 Polaris checks; its tables name 44 ids (the security table has 27 rows of ids).
    expect(counts).toEqual({ 'kube-linter': 63, 'kube-score': 39, polaris: 44, pss: 19 });
    for (const data of Object.values(PEER_CHECKS)) expect(new Set(data.checks.map((c) => c.id)).size).toBe(data.checks.length);
  });

  it('every peer check is covered by a rule or says why not', () => {
    const unexplained = peerCoverage(registry.all).filter((row) => row.rules.length === 0 && !row.reason?.trim());
    expect(unexplained.map((row) => `${row.tool} ${row.check}`)).toEqual([]);
  });

  it('a covering rule is found by id or by alias, case-insensitively', () => {
    const rows = peerCoverage(registry.all);
    const row = (tool: string, check: string) => rows.find((r) => r.tool === tool && r.check === check);
    expect(row('kube-linter', 'latest-tag')?.rules.map((r) => r.meta.id)).toContain('unpinned-image');
    expect(row('kube-linter', 'host-network')?.rules.map((r) => r.meta.id)).toEqual(['host-network']);
    expect(row('kube-linter', 'host-network')?.reason).toBeUndefined();
  });
});
