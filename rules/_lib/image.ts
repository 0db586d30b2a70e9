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

/** `undefined` when the reference is pinned; otherwise why it is not. */
export function unpinnedReason(reference: string): string | undefined {
  const ref = parseImageRef(reference);
  if (ref.digest) return undefined;
  if (!ref.tag) return `has no tag, so it means "latest"`;
  if (ref.tag.toLowerCase() === 'latest') return `uses the mutable tag "latest"`;
  return undefined;
}
