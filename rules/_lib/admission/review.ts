import { scalarText } from '../../../src/util/text.js';
import type { Severity } from '../../../src/types.js';
import { isMapping, type K8sObject, type KNode, type Mapping } from '../../../src/model/k8s.js';
import type { ModelNode } from '../../../src/model/node.js';
import { scalarPart } from '../../../src/model/yaml-scalar.js';
import { selectorMatches } from '../workload.js';
import { objectPaths, type PolicyExpression } from './expressions.js';
import { PolicyEvaluation, type Outcome } from './evaluate.js';
import {
  describeException,
  exceptionRefersTo,
  isKyvernoException,
  isKyvernoPolicy,
  matchAutogen,
  readKyvernoException,
  readKyvernoPolicy,
  type KyvernoException,
  type KyvernoPolicy,
} from './kyverno.js';
import { matchResources, type Candidate, type MatchResult } from './match.js';
import {
  BINDING_KIND,
  isPolicyObject,
  POLICY_KIND,
  readBinding,
  readPolicy,
  type Binding,
  type Policy,
  type PolicyValidation,
  type ValidationAction,
} from './policies.js';
import { CustomResources, resourceOf } from './resources.js';

/** A validation that fails for an object of the run, as the binding's validationActions enforce it. */
export interface Denial {
  at: KNode;
  message: string;
  severity: Severity;
}

/** Something about a policy: a part the run cannot evaluate, or a mistake in the policy or binding. */
export interface PolicyNote {
  at: ModelNode;
  message: string;
  severity?: Severity;
}

export interface AdmissionReview {
  denials: Denial[];
  unsupported: PolicyNote[];
  invalid: PolicyNote[];
}

const SEVERITY_OF: Record<ValidationAction, Severity> = { Deny: 'error', Warn: 'warning', Audit: 'info' };
/**
 * Namespaces a default Kyverno installation keeps out of admission (its webhooks' namespaceSelector and
 * resource filters); its background scans, which skip the resource filters by default, still report them.
 */
const KYVERNO_UNWATCHED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'kyverno']);
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Kinds whose `spec.replicas` the API server defaults to 1 before admission. */
const REPLICAS_DEFAULTED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * What enforces a policy's validations on an object: a ValidatingAdmissionPolicyBinding, or a Kyverno
 * policy itself (its own validationActions).
 */
interface Enforcer {
  /** Unique per enforcer, for note keys. */
  key: string;
  /** `ValidatingAdmissionPolicy 'p' with binding 'b'`, `Kyverno ValidatingPolicy 'p'`. */
  label: string;
  actions: ValidationAction[];
  binding?: Binding;
  /** Why failures only reach the policy reports of Kyverno's background scans (admission disabled, a namespace Kyverno's admission leaves out). */
  backgroundOnly?: string;
}

const reviews = new WeakMap<readonly K8sObject[], Map<string, AdmissionReview>>();

/**
 * The run's ValidatingAdmissionPolicies applied, through their bindings, to the run's objects, each
 * object taken as the CREATE request `kubectl apply` would send for it. Computed once per run and
 * default namespace; the admission rules each report their part.
 */
export function admissionReview(objects: readonly K8sObject[], defaultNamespace: string | undefined): AdmissionReview {
  let byNamespace = reviews.get(objects);
  if (!byNamespace) reviews.set(objects, (byNamespace = new Map<string, AdmissionReview>()));
  const key = defaultNamespace ?? '';
  let review = byNamespace.get(key);
  if (!review) byNamespace.set(key, (review = new Reviewer(objects, defaultNamespace).run()));
  return review;
}

/** Notes keyed by what they are about, so each is reported once however many objects meet it. */
class Notes {
  private readonly byKey = new Map<string, { at: ModelNode; severity?: Severity; text: (objects: string) => string; objects: string[] }>();

  add(key: string, at: ModelNode, object: K8sObject | undefined, text: (objects: string) => string, severity?: Severity): void {
    let note = this.byKey.get(key);
    if (!note) this.byKey.set(key, (note = { at, text, objects: [], ...(severity && { severity }) }));
    if (object && !note.objects.includes(object.id)) note.objects.push(object.id);
  }

  list(): PolicyNote[] {
    return [...this.byKey.values()].map((n) => ({
      at: n.at,
      message: n.text(
        n.objects.length === 0
          ? ''
          : n.objects.length === 1
            ? n.objects[0]!
            : `${n.objects[0]!} and ${n.objects.length - 1} other object(s)`,
      ),
      ...(n.severity && { severity: n.severity }),
    }));
  }
}

class Reviewer {
  private readonly denials: Denial[] = [];
  private readonly unsupported = new Notes();
  private readonly invalid = new Notes();
  private readonly crds: CustomResources;
  private readonly namespaces = new Map<string, K8sObject>();
  private readonly candidates = new Map<K8sObject, Candidate | undefined>();
  /** One activation per object, whatever the number of policies: the CEL runtime converts each value once. */
  private readonly activations = new Map<K8sObject, Record<string, unknown>>();

  constructor(
    private readonly objects: readonly K8sObject[],
    private readonly defaultNamespace: string | undefined,
  ) {
    this.crds = new CustomResources(objects);
    for (const object of objects)
      if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.name) this.namespaces.set(object.name, object);
  }

  run(): AdmissionReview {
    const policyObjects = this.objects.filter((o) => isPolicyObject(o, POLICY_KIND));
    const bindingObjects = this.objects.filter((o) => isPolicyObject(o, BINDING_KIND));
    const kyvernoObjects = this.objects.filter((o) => isKyvernoPolicy(o));
    if (policyObjects.length === 0 && bindingObjects.length === 0 && kyvernoObjects.length === 0)
      return { denials: [], unsupported: [], invalid: [] };
    const policies = new Map<string, Policy>();
    for (const object of policyObjects) {
      const policy = readPolicy(object);
      if (!policy) continue;
      policies.set(policy.name, policy);
      this.checkPolicy(policy);
    }
    const bound = new Set<string>();
    for (const object of bindingObjects) {
      const binding = readBinding(object);
      if (!binding) continue;
      const policy = binding.policyName === undefined ? undefined : policies.get(binding.policyName);
      if (!policy) {
        const at = binding.spec.get('policyName') ?? binding.spec;
        this.invalid.add(
          `missing:${binding.object.id}`,
          at,
          undefined,
          () =>
            `ValidatingAdmissionPolicyBinding '${binding.name}' binds ValidatingAdmissionPolicy '${binding.policyName ?? ''}', which is not in the run: nothing is checked unless the cluster has it`,
          'warning',
        );
        continue;
      }
      bound.add(policy.name);
      if (binding.actions.length === 0) {
        this.invalid.add(
          `actions:${binding.object.id}`,
          binding.spec.get('validationActions') ?? binding.spec,
          undefined,
          () =>
            `ValidatingAdmissionPolicyBinding '${binding.name}' sets no validationActions (Deny, Warn or Audit): the API server refuses it`,
          'error',
        );
        continue;
      }
      if (policy.paramKind && !binding.paramRef) {
        this.invalid.add(
          `paramRef:${binding.object.id}`,
          binding.spec,
          undefined,
          () =>
            `ValidatingAdmissionPolicy '${policy.name}' takes params (${policy.paramKind?.kind ?? ''}) but binding '${binding.name}' sets no paramRef: ${failureConsequence(policy)} every request it matches`,
          'error',
        );
        continue;
      }
      this.applyPolicy(
        policy,
        {
          key: binding.object.id,
          label: `${policyLabel(policy)} with binding '${binding.name}'`,
          actions: binding.actions,
          binding,
        },
        (candidate) => [matchResources(policy.matchConstraints, candidate, true), matchResources(binding.matchResources, candidate, false)],
      );
    }
    for (const policy of policies.values())
      if (!bound.has(policy.name))
        this.unsupported.add(
          `unbound:${policy.object.id}`,
          policy.object.node.get('metadata')?.get('name') ?? policy.object.node,
          undefined,
          () => `ValidatingAdmissionPolicy '${policy.name}' is bound by no ValidatingAdmissionPolicyBinding of the run: not evaluated`,
        );
    const exceptions = this.objects
      .filter((o) => isKyvernoException(o))
      .map((o) => readKyvernoException(o))
      .filter((e) => e !== undefined);
    for (const exception of exceptions) this.checkException(exception);
    for (const object of kyvernoObjects) {
      const kyverno = readKyvernoPolicy(object);
      if (!kyverno) continue;
      this.checkPolicy(kyverno.policy);
      this.applyKyverno(
        kyverno,
        exceptions.filter((e) => exceptionRefersTo(e, kyverno.policy)),
      );
    }
    return { denials: this.denials, unsupported: this.unsupported.list(), invalid: this.invalid.list() };
  }

  /**
   * A Kyverno ValidatingPolicy and the policies its autogen generates for pod controllers, applied to
   * the run's objects with the policy's own validationActions, skipping the objects its
   * PolicyExceptions exempt.
   */
  private applyKyverno(kyverno: KyvernoPolicy, exceptions: KyvernoException[]): void {
    const { policy } = kyverno;
    const label = policyLabel(policy);
    if (kyverno.mode !== 'Kubernetes') {
      this.unsupported.add(
        `mode:${policy.object.id}`,
        kyverno.modeNode ?? policy.spec,
        undefined,
        () =>
          `${label}: evaluation.mode ${kyverno.mode} validates other payloads than Kubernetes objects (the Kyverno CLI or authz server feeds them); not applied to the run's manifests`,
      );
      return;
    }
    // Neither at admission nor in background scans: the policy checks nothing.
    if (!kyverno.admission && !kyverno.background) return;
    if (policy.paramKind) {
      this.unsupported.add(
        `params:${policy.object.id}`,
        policy.paramKind.node,
        undefined,
        () => `${label} takes params (paramKind ${policy.paramKind?.kind ?? ''}), which Kyverno looks up in the cluster: not evaluated`,
      );
      return;
    }
    let policyNamespace: string | undefined;
    if (kyverno.namespaced) {
      policyNamespace = policy.object.namespace ?? this.defaultNamespace;
      if (policyNamespace === undefined) {
        this.unsupported.add(
          `namespace:${policy.object.id}`,
          policy.object.node.get('metadata')?.get('name') ?? policy.object.node,
          undefined,
          () => `${label} applies in its own namespace, which is not known (no metadata.namespace, no --namespace): not evaluated`,
        );
        return;
      }
    }
    const enforcer: Enforcer = {
      key: policy.object.id,
      label,
      actions: kyverno.actions,
      ...(!kyverno.admission && { backgroundOnly: 'admission is disabled' }),
    };
    const route =
      (base: Enforcer) =>
      (object: K8sObject, candidate: Candidate): Enforcer | undefined => {
        const namespace = candidate.resource.namespaced ? this.namespaceOf(object) : undefined;
        if (policyNamespace !== undefined && (namespace === undefined || namespace !== policyNamespace)) return undefined;
        if (this.exempted(policy, exceptions, object, candidate)) return undefined;
        if (base.backgroundOnly || namespace === undefined || !KYVERNO_UNWATCHED_NAMESPACES.has(namespace)) return base;
        // Kyverno's default installation leaves these namespaces out of admission; background scans still cover them.
        return kyverno.background
          ? { ...base, backgroundOnly: `Kyverno's default configuration leaves namespace ${namespace} out of admission` }
          : undefined;
      };
    this.applyPolicy(policy, enforcer, (candidate) => [matchResources(policy.matchConstraints, candidate, true)], route(enforcer));
    for (const generated of kyverno.autogen) {
      const autogen = {
        ...enforcer,
        key: `${enforcer.key}:autogen:${generated.kinds.join(',')}`,
        label: `${label} (autogen for pod controllers)`,
      };
      this.applyPolicy(generated.policy, autogen, (candidate) => [matchAutogen(generated, candidate)], route(autogen));
    }
  }

  /**
   * Whether a PolicyException of the run exempts the object: all its matchConditions hold. A condition
   * the run cannot evaluate, and a fine-grained exception (values handed to the policy's CEL), leave
   * the object unevaluated, with a note, rather than risk a denial the cluster would not make.
   */
  private exempted(policy: Policy, exceptions: KyvernoException[], object: K8sObject, candidate: Candidate): boolean {
    if (exceptions.length === 0) return false;
    const { activation, namespaceUnknown } = this.activationFor(object, candidate);
    for (const exception of exceptions) {
      const evaluation = new PolicyEvaluation({ variables: [] }, { ...activation, params: null }, namespaceUnknown);
      let holds = true;
      for (const condition of exception.conditions) {
        const outcome = evaluation.evaluate(condition);
        if ('value' in outcome && outcome.value === true) continue;
        holds = false;
        if ('value' in outcome && outcome.value === false) break;
        if ('error' in outcome && outcome.uncompiled) break;
        const problem =
          'unsupported' in outcome
            ? outcome.unsupported
            : 'error' in outcome
              ? `failed: ${outcome.error}`
              : `gave ${JSON.stringify(outcome.value)} instead of true or false`;
        this.unsupported.add(
          `exception:${exception.object.id}:${condition.node.path.join('.')}`,
          condition.node,
          object,
          (objects) =>
            `${describeException(exception)}: this matchCondition ${problem}; ${policyLabel(policy)} is not evaluated for ${objects}`,
        );
        return true;
      }
      if (!holds) continue;
      if (exception.fineGrained) {
        this.unsupported.add(
          `fine-grained:${exception.object.id}`,
          exception.fineGrained,
          object,
          (objects) =>
            `${describeException(exception)} hands ${exception.fineGrained?.path.at(-1) ?? ''} to ${policyLabel(policy)} (\`exceptions.…\` in its CEL), which k8slint does not apply; not evaluated for ${objects}`,
        );
      }
      return true;
    }
    return false;
  }

  /** Compile errors of a PolicyException's matchConditions. */
  private checkException(exception: KyvernoException): void {
    for (const condition of exception.conditions) {
      const { error } = condition;
      if (!error) continue;
      this.invalid.add(
        `compile:${exception.object.id}:${condition.node.path.join('.')}`,
        scalarPart(condition.node, error.offset),
        undefined,
        () =>
          `${describeException(exception)}: ${describePath(condition.node)} does not compile: ${error.message} (the exception exempts nothing)`,
        'error',
      );
    }
  }

  /** Compile errors, and the parts no offline run evaluates (audit annotations). */
  private checkPolicy(policy: Policy): void {
    for (const expression of policy.expressions) {
      const { error } = expression;
      if (!error) continue;
      this.invalid.add(
        `compile:${policy.object.id}:${expression.node.path.join('.')}`,
        scalarPart(expression.node, error.offset),
        undefined,
        () =>
          `${policyLabel(policy)}: ${describePath(expression.node)} does not compile: ${error.message} (${failureConsequence(policy)} every request the policy matches)`,
        'error',
      );
    }
    const audit = policy.spec.get('auditAnnotations');
    if (audit && audit.items().length > 0)
      this.unsupported.add(
        `audit:${policy.object.id}`,
        audit,
        undefined,
        () =>
          `${policyLabel(policy)}: auditAnnotations ${policy.engine === 'kyverno' ? "annotate Kyverno's policy reports" : "go to the cluster's audit log"} and are not evaluated offline`,
      );
  }

  /**
   * A policy applied to every object of the run that all of `match`'s results match (the policy's
   * matchConstraints, the binding's matchResources), enforced as `route` says (by default `enforcer`; none: not evaluated).
   */
  private applyPolicy(
    policy: Policy,
    enforcer: Enforcer,
    match: (candidate: Candidate) => MatchResult[],
    route: (object: K8sObject, candidate: Candidate) => Enforcer | undefined = () => enforcer,
  ): void {
    for (const object of this.objects) {
      const candidate = this.candidate(object);
      if (!candidate) continue;
      const results = match(candidate);
      if (results.every((m) => m.matched)) {
        const routed = route(object, candidate);
        if (routed) this.evaluateFor(policy, routed, object, candidate);
        continue;
      }
      if (results.some((m) => !m.matched && !m.undecided && !m.onlyOperations)) continue;
      const undecided = results.find((m) => m.undecided)?.undecided;
      if (undecided) {
        this.unsupported.add(
          `undecided:${enforcer.key}:${undecided.at.path.join('.')}:${undecided.at.file.source.path}`,
          undecided.at,
          object,
          (objects) => `${enforcer.label} is not evaluated for ${objects}: ${undecided.reason}`,
        );
        continue;
      }
      const operations = results.find((m) => m.onlyOperations)?.onlyOperations;
      if (operations)
        this.unsupported.add(
          `operations:${policy.object.id}:${operations.path.join('.')}:${operations.file.source.path}`,
          operations,
          object,
          (objects) =>
            `${policyLabel(policy)} matches ${objects} only for UPDATE, DELETE or CONNECT requests; an offline object is a CREATE, so it is not evaluated`,
        );
    }
  }

  /** The object as an admission request, or undefined when it is not one (a patch, an object of a `--policy` file). */
  private candidate(object: K8sObject): Candidate | undefined {
    if (this.candidates.has(object)) return this.candidates.get(object);
    let candidate: Candidate | undefined;
    if (!object.partial && !object.file.source.policyOnly && !isExemptAdmissionConfiguration(object)) {
      const resource = resourceOf(object, this.crds);
      const namespace = resource.namespaced ? this.namespaceOf(object) : undefined;
      const namespaceObject = namespace === undefined ? undefined : this.namespaces.get(namespace);
      candidate = {
        resource,
        name: object.name ?? '',
        kind: object.kind,
        labels: object.labels,
        ...(namespaceObject && { namespaceLabels: namespaceLabels(namespaceObject) }),
      };
    }
    this.candidates.set(object, candidate);
    return candidate;
  }

  private namespaceOf(object: K8sObject): string | undefined {
    return object.namespace ?? this.defaultNamespace;
  }

  /** The variables of a request for the object (all but `params` and `variables`), built once per object. */
  private activationFor(object: K8sObject, candidate: Candidate): { activation: Record<string, unknown>; namespaceUnknown: boolean } {
    const namespace = candidate.resource.namespaced ? this.namespaceOf(object) : undefined;
    const namespaceObject = namespace === undefined ? undefined : this.namespaces.get(namespace);
    let activation = this.activations.get(object);
    if (!activation)
      this.activations.set(
        object,
        (activation = {
          object: requestObject(object, namespace),
          oldObject: null,
          request: requestFor(object, candidate, namespace),
          namespaceObject: namespaceObject ? namespaceValue(namespaceObject) : null,
        }),
      );
    return { activation, namespaceUnknown: candidate.resource.namespaced && !namespaceObject };
  }

  private evaluateFor(policy: Policy, enforcer: Enforcer, object: K8sObject, candidate: Candidate): void {
    const params = enforcer.binding ? this.paramsFor(policy, enforcer.binding, object, candidate) : [undefined];
    if (!params) return;
    const { activation, namespaceUnknown } = this.activationFor(object, candidate);
    for (const param of params) {
      const evaluation = new PolicyEvaluation(policy, { ...activation, params: param ? param.node.value : null }, namespaceUnknown);
      if (!this.conditionsHold(policy, enforcer, object, evaluation)) continue;
      for (const validation of policy.validations) this.validate(policy, enforcer, object, validation, evaluation, param);
    }
  }

  /** `matchConditions`: all true → validate; one false → skip; an error (none false) → failurePolicy. */
  private conditionsHold(policy: Policy, enforcer: Enforcer, object: K8sObject, evaluation: PolicyEvaluation): boolean {
    let failed: { expression: PolicyExpression; outcome: Outcome } | undefined;
    for (const condition of policy.matchConditions) {
      const outcome = evaluation.evaluate(condition.expression);
      if ('value' in outcome && outcome.value === false) return false;
      if ('value' in outcome && outcome.value === true) continue;
      failed ??= { expression: condition.expression, outcome };
    }
    if (!failed) return true;
    this.noteOutcome(policy, enforcer, object, failed.expression, failed.outcome, `matchCondition`);
    return false;
  }

  private validate(
    policy: Policy,
    enforcer: Enforcer,
    object: K8sObject,
    validation: PolicyValidation,
    evaluation: PolicyEvaluation,
    param: K8sObject | undefined,
  ): void {
    const outcome = evaluation.evaluate(validation.expression);
    if ('value' in outcome && outcome.value === true) return;
    if (!('value' in outcome) || outcome.value !== false) {
      this.noteOutcome(policy, enforcer, object, validation.expression, outcome, 'validation');
      return;
    }
    const message = this.messageOf(validation, evaluation);
    const { actions } = enforcer;
    const action: ValidationAction = actions.includes('Deny') ? 'Deny' : actions.includes('Warn') ? 'Warn' : 'Audit';
    const via = `${enforcer.label}${param ? ` and params ${param.id}` : ''}`;
    const audit = policy.engine === 'kyverno' ? 'records a failure in its policy report' : 'records in the audit log';
    const verb = enforcer.backgroundOnly
      ? `records a failure in the policy report of its background scan (${enforcer.backgroundOnly})`
      : action === 'Deny'
        ? 'denies this request'
        : action === 'Warn'
          ? 'warns'
          : audit;
    this.denials.push({
      at: pointAt(object, policy, validation),
      message: `${via} ${verb}: ${message} (reason: ${validation.reason})`,
      severity: enforcer.backgroundOnly ? 'info' : SEVERITY_OF[action],
    });
  }

  /** The API server's message: a non-blank one-line `messageExpression` result, else `message`, else the failed expression. */
  private messageOf(validation: PolicyValidation, evaluation: PolicyEvaluation): string {
    if (validation.messageExpression) {
      const outcome = evaluation.evaluate(validation.messageExpression);
      if ('value' in outcome && typeof outcome.value === 'string' && outcome.value.trim() !== '' && !/[\r\n]/.test(outcome.value))
        return outcome.value;
    }
    if (validation.message !== undefined && validation.message.trim() !== '') return validation.message;
    return `failed expression: ${validation.expression.source.trim().replace(/\s+/g, ' ')}`;
  }

  private noteOutcome(
    policy: Policy,
    enforcer: Enforcer,
    object: K8sObject,
    expression: PolicyExpression,
    outcome: Outcome,
    what: string,
  ): void {
    const at = expression.node;
    const where = `${at.file.source.path}:${at.path.join('.')}`;
    if ('unsupported' in outcome) {
      // A variable that calls what the run lacks is reported once, at the variable, for every expression reading it.
      const { variable } = outcome;
      const source = variable ? variable.expression.node : at;
      this.unsupported.add(
        `uses:${policy.object.id}:${source.file.source.path}:${source.path.join('.')}`,
        source,
        object,
        (objects) =>
          `${policyLabel(policy)}: ${variable ? `variables.${variable.name}` : `this ${what}`} ${outcome.unsupported}; not evaluated for ${objects}`,
      );
      return;
    }
    if ('error' in outcome && outcome.uncompiled) return; // a compile error of the policy, reported as such
    const problem =
      'error' in outcome
        ? outcome.budget
          ? `was stopped by the CEL cost budget (${outcome.error})`
          : `failed: ${outcome.error}`
        : `gave ${JSON.stringify(outcome.value)} instead of true or false`;
    this.unsupported.add(
      `failed:${enforcer.key}:${where}`,
      at,
      object,
      (objects) =>
        `${enforcer.label}: this ${what} ${problem} on ${objects}; if it fails ${policy.engine === 'kyverno' ? 'in Kyverno' : 'on the API server'} too (which sees the object with its defaults), it ${failureOutcome(policy, enforcer)}`,
    );
  }

  /** The param objects a binding selects for an object; undefined (with a note) when the run cannot tell. */
  private paramsFor(policy: Policy, binding: Binding, object: K8sObject, candidate: Candidate): Array<K8sObject | undefined> | undefined {
    const paramKind = policy.paramKind;
    const ref = binding.paramRef;
    if (!paramKind || !ref) return [undefined];
    const refValue: Mapping = ref.value;
    const paramApiVersion = this.objects.find((o) => o.kind === paramKind.kind)?.apiVersion ?? `${paramKind.group}/v1`;
    const paramNamespaced = resourceOf({ apiVersion: paramApiVersion, kind: paramKind.kind }, this.crds).namespaced;
    const refNamespace = typeof refValue.namespace === 'string' && refValue.namespace !== '' ? refValue.namespace : undefined;
    const namespace = refNamespace ?? (paramNamespaced && candidate.resource.namespaced ? this.namespaceOf(object) : undefined);
    if (paramNamespaced && namespace === undefined && !candidate.resource.namespaced) {
      this.unsupported.add(
        `params-scope:${binding.object.id}`,
        ref,
        object,
        (objects) =>
          `binding '${binding.name}' takes namespaced params without paramRef.namespace, so for cluster-scoped ${objects} the API server finds none and ${failureConsequence(policy)} the request`,
      );
      return undefined;
    }
    const selector = isMapping(refValue.selector) ? refValue.selector : undefined;
    const found = this.objects.filter(
      (o) =>
        o.kind === paramKind.kind &&
        groupOf(o.apiVersion) === paramKind.group &&
        !o.partial &&
        (namespace === undefined || o.namespace === undefined || o.namespace === namespace) &&
        (selector ? selectorMatches(selector, o.labels) : o.name === refValue.name),
    );
    if (found.length > 0) return found;
    const action = refValue.parameterNotFoundAction === 'Allow' ? 'Allow' : 'Deny';
    const wanted = selector
      ? `no ${paramKind.kind} matching paramRef.selector`
      : `no ${paramKind.kind} '${scalarText(refValue.name ?? '')}'`;
    this.unsupported.add(
      `params:${binding.object.id}:${namespace ?? ''}`,
      ref,
      object,
      (objects) =>
        `binding '${binding.name}': ${wanted}${namespace ? ` in namespace ${namespace}` : ''} is in the run, so ValidatingAdmissionPolicy '${policy.name}' is not evaluated for ${objects} (on a cluster without it, parameterNotFoundAction ${action} ${action === 'Allow' ? 'allows the request' : `means ${failureConsequence(policy)} it`})`,
    );
    return undefined;
  }
}

/** Admission configuration objects (webhook configurations, admission policies and bindings) are never sent to admission policies. */
function isExemptAdmissionConfiguration(object: K8sObject): boolean {
  return groupOf(object.apiVersion) === 'admissionregistration.k8s.io';
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

function failureConsequence(policy: Policy): string {
  const engine = policy.engine === 'kyverno' ? 'Kyverno' : 'the API server';
  return policy.failurePolicy === 'Fail' ? `${engine} denies (failurePolicy Fail)` : `${engine} lets through (failurePolicy Ignore)`;
}

/** What a failing expression leads to: the failurePolicy at admission, an error result in a background scan's report. */
function failureOutcome(policy: Policy, enforcer: Enforcer): string {
  if (enforcer.backgroundOnly) return 'records an error in the policy report of its background scan';
  return policy.failurePolicy === 'Fail' ? 'denies the request (failurePolicy Fail)' : 'ignores the failure (failurePolicy Ignore)';
}

/** `ValidatingAdmissionPolicy 'name'`, `Kyverno ValidatingPolicy 'name'`. */
function policyLabel(policy: Policy): string {
  return `${policy.engine === 'kyverno' ? 'Kyverno ' : ''}${policy.object.kind} '${policy.name}'`;
}

function describePath(node: KNode): string {
  return node.path
    .slice(1)
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join('')
    .replace(/^/, 'spec.');
}

function namespaceLabels(namespace: K8sObject): Record<string, string> {
  return { ...namespace.labels, [NAMESPACE_NAME_LABEL]: namespace.name ?? '' };
}

/** A Namespace as the API server holds it: with the label naming it, which it sets on every Namespace. */
function namespaceValue(namespace: K8sObject): Mapping {
  const value = namespace.node.value;
  const metadata = isMapping(value.metadata) ? value.metadata : {};
  return { ...value, metadata: { ...metadata, labels: namespaceLabels(namespace) } };
}

/** The object as the API server validates it: in its namespace, with `spec.replicas` defaulted. */
function requestObject(object: K8sObject, namespace: string | undefined): Mapping {
  const value: Mapping = { ...object.node.value };
  if (namespace !== undefined && isMapping(value.metadata) && value.metadata.namespace === undefined)
    value.metadata = { ...value.metadata, namespace };
  if (REPLICAS_DEFAULTED.has(object.kind) && isMapping(value.spec) && value.spec.replicas === undefined)
    value.spec = { ...value.spec, replicas: 1 };
  return value;
}

function requestFor(object: K8sObject, candidate: Candidate, namespace: string | undefined): Mapping {
  const { group, version, resource } = candidate.resource;
  const kind = { group, version, kind: object.kind };
  const gvr = { group, version, resource };
  return {
    kind,
    resource: gvr,
    subResource: '',
    requestKind: kind,
    requestResource: gvr,
    requestSubResource: '',
    name: object.name ?? '',
    namespace: namespace ?? '',
    operation: 'CREATE',
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    dryRun: false,
  };
}

/** The field the failed validation reads (`object.spec.replicas`), as deep as the object has it; else the object's name. */
function pointAt(object: K8sObject, policy: Policy, validation: PolicyValidation): KNode {
  const sources = [validation.expression.source];
  const pending = [...validation.expression.uses.variables];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const variable = policy.variables.find((v) => v.name === name);
    if (!variable) continue;
    sources.push(variable.expression.source);
    pending.push(...variable.expression.uses.variables);
  }
  const paths = sources.flatMap((s) => objectPaths(s));
  let common = paths[0] ?? [];
  for (const path of paths.slice(1)) {
    let i = 0;
    while (i < common.length && i < path.length && common[i] === path[i]) i++;
    common = common.slice(0, i);
  }
  // Reads of unrelated fields (a guard on labels, the containers): the one the object has deepest.
  let node = common.length > 0 ? object.node.nearest(common) : object.node;
  if (common.length === 0)
    for (const path of paths) {
      const candidate = object.node.nearest(path);
      if (candidate.path.length > node.path.length) node = candidate;
    }
  if (node.path.length > object.node.path.length) return node;
  return object.node.get('metadata')?.get('name') ?? object.node;
}
