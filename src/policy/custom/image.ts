import { isTemplated, parseImageRef } from '../../../rules/_lib/image.js';

/** An image reference as CEL expressions see it (`image` variable). */
export interface ImageValue {
  /** As written (`nginx:1.27`, `${BASE}`). */
  reference: string;
  /** The registry host, `docker.io` when none is written (`localhost:5000`, `ghcr.io`). */
  registry: string;
  /** The path in the registry, `library/` added to Docker Hub's official images (`library/nginx`). */
  repository: string;
  /** `registry/repository`: what an allow-list of registries or repositories compares with. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** Holds a variable or template (`${TAG}`, `{{ .Values.image }}`) that is filled in later. */
  templated: boolean;
}

const DOCKER_HUB = 'docker.io';

/** Parses a reference the way the container runtime does: no registry means Docker Hub, one-part Hub names are `library/`. */
export function imageValue(reference: string): ImageValue {
  const ref = parseImageRef(reference);
  const registry = ref.registry === undefined || ref.registry === 'index.docker.io' ? DOCKER_HUB : ref.registry;
  const repository = registry === DOCKER_HUB && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
  return {
    reference,
    registry,
    repository,
    name: `${registry}/${repository}`,
    tag: ref.tag ?? null,
    digest: ref.digest ?? null,
    templated: isTemplated(reference),
  };
}
