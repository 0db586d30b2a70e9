import type { Severity } from '../../../src/types.js';
import type { K8sObject } from '../../../src/model/k8s.js';
import type { ModelNode } from '../../../src/model/node.js';

/** Something about a policy: a part the run cannot evaluate, or a mistake in the policy or binding. */
export interface PolicyNote {
  at: ModelNode;
  message: string;
  severity?: Severity;
}

/** Notes keyed by what they are about, so each is reported once however many objects meet it. */
export class Notes {
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
