import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { objectIndex, scopeOption, SCOPE_OPTION_SCHEMA, type IndexedObject } from '../_lib/object-index.js';
import { scalarText } from '../../src/util/text.js';

export default defineRule({
  meta: {
    id: 'ingress-host-collision',
    title: 'Two Ingresses claim the same host and path',
    severity: 'warning',
    category: 'reliability',
    status: 'stable',
    since: '0.2.0',
    aliases: [],
    rationale:
      'When two Ingresses of one ingress class route the same host and path, the controller keeps one of them (ingress-nginx: the oldest; its admission webhook rejects the second) and traffic goes to whichever wins, which can change on the next restart.',
    remediation:
      'Give each Ingress its own host or path, or merge the rules into one Ingress. Ingresses of different classes (`ingressClassName`) are served by different controllers and are not compared. Compared within one file by default (option `scope: folder` or `run` widens it).',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web-v2\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: web-v2, port: {number: 80}}}}\n',
        good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web-v2\nspec:\n  rules:\n    - host: beta.shop.example.com\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: web-v2, port: {number: 80}}}}\n',
      },
    ],
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#name-based-virtual-hosting'],
    options: {
      schema: { type: 'object', properties: { scope: SCOPE_OPTION_SCHEMA }, additionalProperties: false },
      defaults: { scope: 'file' },
    },
  },
  handlers: {
    'k8s:all': (objects, ctx, workloads) => {
      const index = objectIndex(objects, workloads, { defaultNamespace: ctx.defaultNamespace });
      const scope = scopeOption(ctx.options);
      const claimed = new Map<string, { ingress: IndexedObject; at: KNode }>();
      for (const ingress of index.ofKind('Ingress')) {
        if (ingress.object.partial) continue;
        const spec = ingress.object.node.get('spec');
        const className = spec?.get('ingressClassName')?.value ?? ingress.object.annotations['kubernetes.io/ingress.class'] ?? '';
        const where = scope === 'run' ? '' : scope === 'folder' ? ingress.dir : ingress.path;
        const ownClaims = new Set<string>();
        for (const rule of spec?.get('rules')?.items() ?? []) {
          const host = typeof rule.get('host')?.value === 'string' ? String(rule.get('host')?.value) : '*';
          for (const path of rule.at('http', 'paths')?.items() ?? []) {
            const p = typeof path.get('path')?.value === 'string' ? String(path.get('path')?.value) : '/';
            const key = [where, scalarText(className), host, p].join('\u0000');
            const first = claimed.get(key);
            if (first && first.ingress !== ingress && !ownClaims.has(key)) {
              ctx.report({
                at: path.get('path') ?? path,
                message: `Ingress "${ingress.object.name ?? ''}" routes ${host === '*' ? 'every host' : host}${p}, which Ingress "${first.ingress.object.name ?? ''}" (line ${first.at.span.line}${first.ingress.path === ingress.path ? '' : ` of ${first.ingress.object.file.source.displayPath}`}) routes too: only one of them gets the traffic`,
              });
            } else if (!first) {
              claimed.set(key, { ingress, at: path.get('path') ?? path });
            }
            ownClaims.add(key);
          }
        }
      }
    },
  },
});
