import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'ingress-tls-missing',
    title: 'Ingress serves a host without TLS',
    severity: 'info',
    category: 'security',
    status: 'stable',
    optIn: true,
    since: '0.2.0',
    aliases: ['tlsSettingsMissing'],
    rationale: 'Without `spec.tls` an Ingress serves plain HTTP: credentials and cookies cross the network readable. Many clusters terminate TLS elsewhere (a cloud load balancer in front), hence opt-in.',
    remediation: 'Add a `spec.tls` entry listing the hosts and a Secret with the certificate (cert-manager can issue it from an annotation). Not reported: `localhost`, hosts covered by a `*.domain` TLS entry, and ingress-nginx SSL passthrough (the backend terminates TLS).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n',
        good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  },
  handlers: {
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'Ingress' || object.partial) return;
      // TLS passed through to the backend, which terminates it.
      if (object.annotations['nginx.ingress.kubernetes.io/ssl-passthrough'] === 'true') return;
      const spec = object.node.get('spec');
      if (!spec) return;
      const covered = new Set((spec.get('tls')?.items() ?? []).flatMap((t) => t.get('hosts')?.items().map((h) => String(h.value)) ?? ['*']));
      for (const rule of spec.get('rules')?.items() ?? []) {
        const host = rule.get('host');
        const name = typeof host?.value === 'string' ? host.value : undefined;
        if (covered.has('*') || name === 'localhost' || (name !== undefined && isCovered(name, covered))) continue;
        ctx.report({ at: host ?? rule, message: `Ingress "${object.name ?? ''}" serves ${name !== undefined ? `host ${name}` : 'every host'} over plain HTTP: add a spec.tls entry for it` });
      }
    },
  },
});

/** A TLS host list covers a rule host by name or by a `*.domain` wildcard of one label. */
function isCovered(host: string, tlsHosts: ReadonlySet<string>): boolean {
  if (tlsHosts.has(host)) return true;
  const dot = host.indexOf('.');
  return dot > 0 && tlsHosts.has(`*${host.slice(dot)}`);
}
