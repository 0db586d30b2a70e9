import type { Container } from '../../src/model/k8s.js';
import { kustomizedImages } from '../../src/model/kustomize.js';

export interface JudgedImage {
  /** The image the container runs (after the kustomizations that include its file). */
  image: string;
  /** How it came from the written image, for messages: `""` when it is the written one. */
  via: string;
}

/**
 * The images to judge for a container: what each kustomize build that includes its file makes of
 * the written image (`images:` overrides of the kustomization and of every overlay above it), or
 * the written image when no kustomization of the run includes the file.
 */
export function judgedImages(container: Container): JudgedImage[] {
  return kustomizedImages(container).map((k) => ({
    image: k.image,
    via:
      k.image === container.image
        ? ''
        : ` (becomes "${k.image}" through ${k.setBy ?? 'kustomize'}${k.root && k.root !== k.setBy ? `, built by ${k.root}` : ''})`,
  }));
}
