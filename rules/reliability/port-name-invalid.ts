import { defineRule } from '../../src/engine/rule.js';
import type { KNode } from '../../src/model/k8s.js';
import { isBuiltInObject, isTemplatedText } from '../_lib/workload.js';

/** Why `name` is not an IANA_SVC_NAME (RFC 6335 section 5.1), or undefined when it is one. */
export function ianaServiceNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'is longer than 15 characters';
  if (!/^[a-z0-9-]+$/.test(name)) return 'may only contain lowercase letters, digits and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not start or end with "-"';
  if (name.includes('--')) return 'must not contain "--"';
  return undefined;
}

/** Why `name` is not a DNS-1123 label (what a Service port name must be), or undefined when it is one. */
function dnsLabelProblem(name: string): string | undefined {
  if (name.length > 63) return 'is longer than 63 characters';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return 'must be lowercase letters, digits and "-", starting and ending with a letter or digit';
  return undefined;
}

function stringValue(node: KNode | undefined): string | undefined {
  const value = node?.value;
  return typeof value === 'string' && !isTemplatedText(value) ? value : undefined;
}

export default defineRule({
  meta: {
    id: 'port-name-invalid',
    title: 'Port name the API server rejects',
    severity: 'error',
    category: 'reliability',
    status: 'stable',
    since: '0.1.0',
    aliases: ['invalid-target-ports'],
    rationale:
      'Container port names and the named `targetPort` of a Service must be IANA service names (RFC 6335): at most 15 characters, lowercase letters, digits and "-", at least one letter, no leading, trailing or doubled "-". Service port names must be DNS labels. The API server rejects a manifest that breaks these rules, so the apply fails, usually on a name such as `http_metrics`, `HTTP` or `prometheus-metrics` (16 characters).',
    remediation:
      'Shorten or rename the port (for example `metrics`, `http-metrics`), and use the same name in the container `ports[].name`, the Service `targetPort` and the probes that refer to it. A numeric `targetPort` written as a string (`"8080"`) is a number, not a name.',
    examples: [
      {
        lang: 'yaml',
        bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http_web\n',
        good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http-web\n',
      },
    ],
    references: [
      'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
      'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec',
      'https://www.rfc-editor.org/rfc/rfc6335#section-5.1',
    ],
  },
  handlers: {
    'k8s:container': (container, ctx) => {
      for (const port of container.node.get('ports')?.items() ?? []) {
        const nameNode = port.get('name');
        const name = stringValue(nameNode);
        if (nameNode === undefined || name === undefined) continue;
        const problem = ianaServiceNameProblem(name);
        if (problem === undefined) continue;
        ctx.report({
          at: nameNode,
          message: `container "${container.name}" port name "${name}" ${problem}; the API server rejects it`,
        });
      }
    },
    'k8s:object': (object, ctx) => {
      if (object.kind !== 'Service' || !isBuiltInObject(object)) return;
      for (const port of object.node.at('spec', 'ports')?.items() ?? []) {
        const nameNode = port.get('name');
        const name = stringValue(nameNode);
        const nameProblem = name === undefined ? undefined : dnsLabelProblem(name);
        if (nameNode !== undefined && nameProblem !== undefined) {
          ctx.report({
            at: nameNode,
            message: `Service "${object.name ?? ''}" port name "${name ?? ''}" ${nameProblem}; the API server rejects it`,
          });
        }
        const targetNode = port.get('targetPort');
        const target = stringValue(targetNode);
        if (targetNode === undefined || target === undefined || /^\d+$/.test(target)) continue;
        const targetProblem = ianaServiceNameProblem(target);
        if (targetProblem === undefined) continue;
        ctx.report({
          at: targetNode,
          message: `Service "${object.name ?? ''}" targetPort "${target}" ${targetProblem}; the API server rejects it and no container port can have that name`,
        });
      }
    },
  },
});
