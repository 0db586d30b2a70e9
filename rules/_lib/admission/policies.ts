import { isMapping, type K8sObject, type KNode, type Mapping } from '../../../src/model/k8s.js';
import { scalarText } from '../../../src/util/text.js';
import { compileExpression, type PolicyExpression } from './expressions.js';
import { splitApiVersion } from './resources.js';

export const POLICY_KIND = 'ValidatingAdmissionPolicy';
export const BINDING_KIND = 'ValidatingAdmissionPolicyBinding';
const GROUP = 'admissionregistration.k8s.io';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export interface PolicyVariable {
  name: string;
  expression: PolicyExpression;
}

export interface PolicyValidation {
  /** The validation's mapping, for positions. */
  node: KNode;
  expression: PolicyExpression;
  message?: string;
  messageExpression?: PolicyExpression;
  reason: string;
}

export interface Policy {
  object: K8sObject;
  name: string;
  /** Who evaluates it: the API server (ValidatingAdmissionPolicy) or Kyverno (ValidatingPolicy). */
  engine: 'kubernetes' | 'kyverno';
  spec: KNode;
  failurePolicy: 'Fail' | 'Ignore';
  paramKind?: { group: string; kind: string; node: KNode };
  matchConstraints?: KNode;
  matchConditions: Array<{ name: string; expression: PolicyExpression }>;
  variables: PolicyVariable[];
  validations: PolicyValidation[];
  /** Every compiled expression, for compile errors. */
  expressions: PolicyExpression[];
}

export interface Binding {
  object: K8sObject;
  name: string;
  spec: KNode;
  policyName?: string;
  actions: ValidationAction[];
  paramRef?: KNode<Mapping>;
  matchResources?: KNode;
}

export function isPolicyObject(object: K8sObject, kind: string): boolean {
  return object.kind === kind && splitApiVersion(object.apiVersion).group === GROUP;
}

export interface ReadOptions {
  engine?: Policy['engine'];
  /** Rewrites every expression and message before it is compiled (Kyverno's autogen for pod controllers). */
  rewrite?: (text: string) => string;
}

export function readPolicy(object: K8sObject, { engine = 'kubernetes', rewrite }: ReadOptions = {}): Policy | undefined {
  const spec = object.node.get('spec');
  if (!spec || !isMapping(spec.value)) return undefined;
  const expressions: PolicyExpression[] = [];
  const compile = (node: KNode | undefined): PolicyExpression | undefined => {
    if (!node || (typeof node.value !== 'string' && typeof node.value !== 'number' && typeof node.value !== 'boolean')) return undefined;
    const source = typeof node.value === 'string' ? node.value : String(node.value);
    const expression = compileExpression(node, { source: rewrite ? rewrite(source) : source, kyverno: engine === 'kyverno' });
    expressions.push(expression);
    return expression;
  };
  const variables: PolicyVariable[] = [];
  for (const item of spec.get('variables')?.items() ?? []) {
    const name = item.get('name')?.value;
    const expression = compile(item.get('expression'));
    if (typeof name === 'string' && expression) variables.push({ name, expression });
  }
  const matchConditions: Policy['matchConditions'] = [];
  for (const item of spec.get('matchConditions')?.items() ?? []) {
    const expression = compile(item.get('expression'));
    if (expression) matchConditions.push({ name: scalarText(item.get('name')?.value ?? ''), expression });
  }
  const validations: PolicyValidation[] = [];
  for (const item of spec.get('validations')?.items() ?? []) {
    const expression = compile(item.get('expression'));
    if (!expression) continue;
    const written = item.get('message')?.value;
    const message = typeof written === 'string' && rewrite ? rewrite(written) : written;
    const messageExpression = compile(item.get('messageExpression'));
    const reason = item.get('reason')?.value;
    validations.push({
      node: item,
      expression,
      ...(typeof message === 'string' && { message }),
      ...(messageExpression && { messageExpression }),
      reason: typeof reason === 'string' && reason !== '' ? reason : 'Invalid',
    });
  }
  const paramKindNode = spec.get('paramKind');
  const paramKind = paramKindNode && isMapping(paramKindNode.value) ? paramKindNode.value : undefined;
  const matchConstraints = spec.get('matchConstraints');
  return {
    object,
    name: object.name ?? '',
    engine,
    spec,
    failurePolicy: spec.value.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    ...(paramKindNode &&
      paramKind &&
      typeof paramKind.kind === 'string' && {
        paramKind: {
          group: splitApiVersion(typeof paramKind.apiVersion === 'string' ? paramKind.apiVersion : '').group,
          kind: paramKind.kind,
          node: paramKindNode,
        },
      }),
    ...(matchConstraints && { matchConstraints }),
    matchConditions,
    variables,
    validations,
    expressions,
  };
}

export function readBinding(object: K8sObject): Binding | undefined {
  const spec = object.node.get('spec');
  if (!spec || !isMapping(spec.value)) return undefined;
  const policyName = spec.value.policyName;
  const actions = Array.isArray(spec.value.validationActions)
    ? spec.value.validationActions.filter((a): a is ValidationAction => a === 'Deny' || a === 'Warn' || a === 'Audit')
    : [];
  const paramRef = spec.get('paramRef');
  const matchResources = spec.get('matchResources');
  return {
    object,
    name: object.name ?? '',
    spec,
    ...(typeof policyName === 'string' && { policyName }),
    actions,
    ...(paramRef && isMapping(paramRef.value) && { paramRef: paramRef as KNode<Mapping> }),
    ...(matchResources && { matchResources }),
  };
}
