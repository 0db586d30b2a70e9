import type { Severity } from '../../../src/types.js';
import type { K8sObject, KNode } from '../../../src/model/k8s.js';
import type { Candidate } from './match.js';
import type { Binding, ValidationAction } from './policies.js';
import { isExemptAdmissionConfiguration, namespaceLabels, namespaceValue, requestFor, requestObject } from './request.js';
import { CustomResources, resourceOf } from './resources.js';
import { Notes } from './notes.js';

/** A validation that fails for an object of the run, as the binding's validationActions enforce it. */
export interface Denial {
  at: KNode;
  message: string;
  severity: Severity;
}

/**
 * What enforces a policy's validations on an object: a ValidatingAdmissionPolicyBinding, or a Kyverno
 * policy itself (its own validationActions).
 */
export interface Enforcer {
  /** Unique per enforcer, for note keys. */
  key: string;
  /** `ValidatingAdmissionPolicy 'p' with binding 'b'`, `Kyverno ValidatingPolicy 'p'`. */
  label: string;
  actions: ValidationAction[];
  binding?: Binding;
  /** Why failures only reach the policy reports of Kyverno's background scans (admission disabled, a namespace Kyverno's admission leaves out). */
  backgroundOnly?: string;
}

/** The state of one review: the run's objects, what is built once per object, and what the review found. */
export class ReviewContext {
  readonly denials: Denial[] = [];
  readonly unsupported = new Notes();
  readonly invalid = new Notes();
  readonly crds: CustomResources;
  private readonly namespaces = new Map<string, K8sObject>();
  private readonly candidates = new Map<K8sObject, Candidate | undefined>();
  /** One activation per object, whatever the number of policies: the CEL runtime converts each value once. */
  private readonly activations = new Map<K8sObject, Record<string, unknown>>();

  constructor(
    readonly objects: readonly K8sObject[],
    readonly defaultNamespace: string | undefined,
  ) {
    this.crds = new CustomResources(objects);
    for (const object of objects)
      if (object.kind === 'Namespace' && object.apiVersion === 'v1' && object.name) this.namespaces.set(object.name, object);
  }

  /** The object as an admission request, or undefined when it is not one (a patch, an object of a `--policy` file). */
  candidate(object: K8sObject): Candidate | undefined {
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

  namespaceOf(object: K8sObject): string | undefined {
    return object.namespace ?? this.defaultNamespace;
  }

  /** The variables of a request for the object (all but `params` and `variables`), built once per object. */
  activationFor(object: K8sObject, candidate: Candidate): { activation: Record<string, unknown>; namespaceUnknown: boolean } {
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
}
