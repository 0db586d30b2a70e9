import { parseImageRef } from './image.js';

/** `nvidia/cuda` on Docker Hub or NGC (`nvcr.io/nvidia/cuda`). */
export function isCudaImageRepository(reference: string): boolean {
  const ref = parseImageRef(reference);
  const registry = ref.registry?.toLowerCase();
  const repository = ref.repository.toLowerCase();
  if (repository !== 'nvidia/cuda') return false;
  return registry === undefined || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'nvcr.io';
}

/**
 * The CUDA version a base image ships, from its tag: `nvidia/cuda:12.4.1-…` → `12.4.1`,
 * `pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime` → `12.4`; undefined when the image does not say.
 */
export function cudaVersionOfImage(reference: string): string | undefined {
  const ref = parseImageRef(reference);
  const tag = ref.tag ?? '';
  if (isCudaImageRepository(reference)) return /^(\d+\.\d+(?:\.\d+)?)-/.exec(tag)?.[1];
  if (ref.repository.toLowerCase() === 'pytorch/pytorch') return /-cuda(\d+\.\d+)-/.exec(tag)?.[1];
  return undefined;
}
