export interface ImageRef {
  registry?: string;
  /** Repository path without registry (`library/nginx` is written `nginx`). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry/repo:tag@digest`; the tag is the part after the last `:` of the last path segment. */
export function parseImageRef(reference: string): ImageRef {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const firstSlash = rest.indexOf('/');
  if (firstSlash !== -1) {
    const first = rest.slice(0, firstSlash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(firstSlash + 1);
    }
  }
  return { registry, repository: rest, tag, digest };
}

/** True when the reference is templated (`$(IMAGE)`, `${TAG}`, `{{ .Values.image }}`) and cannot be judged. */
export function isTemplated(reference: string): boolean {
  return /\$|\{\{|<|>/.test(reference);
}

const DOMAIN =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/;

/**
 * Whether the text is an image reference by the grammar of distribution/reference (what
 * `docker pull` accepts). Placeholders an operator fills in (`FILLED BY THE OPERATOR`) and build
 * tool references (`ko://github.com/…`) are not, and are not judged by image rules.
 */
export function isImageReference(reference: string): boolean {
  const ref = parseImageRef(reference);
  if (ref.registry !== undefined && !DOMAIN.test(ref.registry)) return false;
  if (ref.tag !== undefined && !TAG.test(ref.tag)) return false;
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) return false;
  return ref.repository !== '' && ref.repository.split('/').every((c) => PATH_COMPONENT.test(c));
}

/** `undefined` when the reference is pinned; otherwise why it is not. */
export function unpinnedReason(reference: string): string | undefined {
  const ref = parseImageRef(reference);
  if (ref.digest) return undefined;
  if (!ref.tag) return `has no tag, so it means "latest"`;
  if (ref.tag.toLowerCase() === 'latest') return `uses the mutable tag "latest"`;
  return undefined;
}
