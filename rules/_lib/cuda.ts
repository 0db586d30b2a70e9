/**
 * CUDA releases as data: which GPU architectures each toolkit compiles for and the Linux driver it needs.
 *
 * Sources: CUDA Toolkit release notes ("CUDA Toolkit and Corresponding Driver Versions", "Supported
 * architectures"), the CUDA compatibility guide (docs.nvidia.com/deploy/cuda-compatibility: minor-version
 * compatibility needs driver >= 450.80.02 for 11.x, >= 525.60.13 for 12.x, >= 580 for 13.x) and NVIDIA's
 * CUDA container support policy (gitlab.com/nvidia/container-images/cuda doc/support-policy.md: tags are
 * deleted from Docker Hub and NGC six months after end of life).
 */

/** A compute capability as `major.minor` (sm_86 = `8.6`). */
export interface ComputeCapability {
  major: number;
  minor: number;
}

export interface CudaRelease {
  /** `major.minor` of the toolkit. */
  version: string;
  /** The driver the toolkit's GA release ships with and asks for (full feature set). */
  toolkitDriver: string;
  /** The oldest driver the release runs on through minor-version compatibility (PTX JIT excluded). */
  minimumDriver: string;
  /** Oldest and newest compute capability nvcc of this release generates code for. */
  oldestArchitecture: string;
  newestArchitecture: string;
  /** Docker Hub `nvidia/cuda` tags of this release were deleted after end of life: `FROM` fails with "manifest unknown". */
  imageTagsRemoved: boolean;
}

export const CUDA_RELEASES: readonly CudaRelease[] = [
  { version: '10.0', toolkitDriver: '410.48', minimumDriver: '410.48', oldestArchitecture: '3.0', newestArchitecture: '7.5', imageTagsRemoved: true },
  { version: '10.1', toolkitDriver: '418.39', minimumDriver: '418.39', oldestArchitecture: '3.0', newestArchitecture: '7.5', imageTagsRemoved: true },
  { version: '10.2', toolkitDriver: '440.33', minimumDriver: '440.33', oldestArchitecture: '3.0', newestArchitecture: '7.5', imageTagsRemoved: true },
  { version: '11.0', toolkitDriver: '450.36.06', minimumDriver: '450.36.06', oldestArchitecture: '3.5', newestArchitecture: '8.0', imageTagsRemoved: true },
  { version: '11.1', toolkitDriver: '455.23', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.6', imageTagsRemoved: true },
  { version: '11.2', toolkitDriver: '460.27.03', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.6', imageTagsRemoved: true },
  { version: '11.3', toolkitDriver: '465.19.01', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.6', imageTagsRemoved: true },
  { version: '11.4', toolkitDriver: '470.42.01', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.7', imageTagsRemoved: true },
  { version: '11.5', toolkitDriver: '495.29.05', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.7', imageTagsRemoved: true },
  { version: '11.6', toolkitDriver: '510.39.01', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.7', imageTagsRemoved: true },
  { version: '11.7', toolkitDriver: '515.43.04', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '8.7', imageTagsRemoved: true },
  { version: '11.8', toolkitDriver: '520.61.05', minimumDriver: '450.80.02', oldestArchitecture: '3.5', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.0', toolkitDriver: '525.60.13', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.1', toolkitDriver: '530.30.02', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.2', toolkitDriver: '535.54.03', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.3', toolkitDriver: '545.23.06', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.4', toolkitDriver: '550.54.14', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.5', toolkitDriver: '555.42.02', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.6', toolkitDriver: '560.28.03', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '9.0', imageTagsRemoved: false },
  { version: '12.8', toolkitDriver: '570.26', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '12.0', imageTagsRemoved: false },
  { version: '12.9', toolkitDriver: '575.51.03', minimumDriver: '525.60.13', oldestArchitecture: '5.0', newestArchitecture: '12.1', imageTagsRemoved: false },
  { version: '13.0', toolkitDriver: '580.65.06', minimumDriver: '580.65.06', oldestArchitecture: '7.5', newestArchitecture: '12.1', imageTagsRemoved: false },
];

/** Individual patch releases whose tags were deleted although later patches of the same minor remain (12.2.0 → use 12.2.2). */
export const REMOVED_PATCH_TAGS: readonly string[] = ['12.2.0'];

/** GPU architecture families by compute-capability major (and minor where a family spans majors). */
export const ARCHITECTURES: ReadonlyArray<{ name: string; capabilities: readonly string[] }> = [
  { name: 'Kepler', capabilities: ['3.0', '3.5', '3.7'] },
  { name: 'Maxwell', capabilities: ['5.0', '5.2', '5.3'] },
  { name: 'Pascal', capabilities: ['6.0', '6.1', '6.2'] },
  { name: 'Volta', capabilities: ['7.0', '7.2'] },
  { name: 'Turing', capabilities: ['7.5'] },
  { name: 'Ampere', capabilities: ['8.0', '8.6', '8.7'] },
  { name: 'Ada Lovelace', capabilities: ['8.9'] },
  { name: 'Hopper', capabilities: ['9.0'] },
  { name: 'Blackwell', capabilities: ['10.0', '10.3', '11.0', '12.0', '12.1'] },
];

/**
 * Data-center GPUs by the names the platforms' node labels use (GFD `nvidia.com/gpu.product` fragments,
 * GKE `cloud.google.com/gke-accelerator` values, Karpenter/EKS `instance-gpu-name`), with their compute capability.
 */
export const GPU_PRODUCTS: ReadonlyArray<{ product: string; capability: string; gkeAccelerator?: string }> = [
  { product: 'K80', capability: '3.7', gkeAccelerator: 'nvidia-tesla-k80' },
  { product: 'P4', capability: '6.1', gkeAccelerator: 'nvidia-tesla-p4' },
  { product: 'P100', capability: '6.0', gkeAccelerator: 'nvidia-tesla-p100' },
  { product: 'V100', capability: '7.0', gkeAccelerator: 'nvidia-tesla-v100' },
  { product: 'T4', capability: '7.5', gkeAccelerator: 'nvidia-tesla-t4' },
  { product: 'A100', capability: '8.0', gkeAccelerator: 'nvidia-tesla-a100' },
  { product: 'A100-80GB', capability: '8.0', gkeAccelerator: 'nvidia-a100-80gb' },
  { product: 'A10G', capability: '8.6' },
  { product: 'A10', capability: '8.6' },
  { product: 'L4', capability: '8.9', gkeAccelerator: 'nvidia-l4' },
  { product: 'L40S', capability: '8.9' },
  { product: 'H100', capability: '9.0', gkeAccelerator: 'nvidia-h100-80gb' },
  { product: 'H100-MEGA', capability: '9.0', gkeAccelerator: 'nvidia-h100-mega-80gb' },
  { product: 'H200', capability: '9.0', gkeAccelerator: 'nvidia-h200-141gb' },
  { product: 'GH200', capability: '9.0' },
  { product: 'B200', capability: '10.0', gkeAccelerator: 'nvidia-b200' },
  { product: 'GB200', capability: '10.0', gkeAccelerator: 'nvidia-gb200' },
];

export function parseCapability(text: string): ComputeCapability | undefined {
  const match = /^(?:sm_?)?(\d+)(?:\.(\d))?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '', dotted] = match;
  // `sm_86` / `86` → 8.6; `8.6` → 8.6; `sm_100` → 10.0
  if (dotted !== undefined) return { major: Number(whole), minor: Number(dotted) };
  if (whole.length < 2) return { major: Number(whole), minor: 0 };
  return { major: Number(whole.slice(0, -1)), minor: Number(whole.slice(-1)) };
}

function compareCapabilities(a: ComputeCapability, b: ComputeCapability): number {
  return a.major - b.major || a.minor - b.minor;
}

/** `major.minor` of a CUDA version string (`12.4.1` → `12.4`, `cu121` → `12.1`, `cuda11.8` → `11.8`). */
export function cudaMinor(text: string): string | undefined {
  const dotted = /^(?:cuda)?(\d{1,2})\.(\d)(?:\.\d+)?$/i.exec(text.trim());
  if (dotted) return `${dotted[1]}.${dotted[2]}`;
  const packed = /^cu(?:da)?(\d{2,3})$/i.exec(text.trim());
  if (packed?.[1]) return `${packed[1].slice(0, -1)}.${packed[1].slice(-1)}`;
  return undefined;
}

/** The release entry for a CUDA version (`12.4.1`, `12.4`, `cu124`); undefined for unknown releases. */
export function cudaRelease(version: string): CudaRelease | undefined {
  const minor = cudaMinor(version);
  return minor === undefined ? undefined : CUDA_RELEASES.find((release) => release.version === minor);
}

/** Whether nvcc of the release generates native code for the compute capability (`8.6`, `sm_90`). */
export function compilesFor(release: CudaRelease, capability: string): boolean | undefined {
  const wanted = parseCapability(capability);
  const oldest = parseCapability(release.oldestArchitecture);
  const newest = parseCapability(release.newestArchitecture);
  if (!wanted || !oldest || !newest) return undefined;
  return compareCapabilities(wanted, oldest) >= 0 && compareCapabilities(wanted, newest) <= 0;
}

/** Compares dotted driver or toolkit versions numerically (`525.60.13` < `535.54.03`). */
export function compareDottedVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Whether a host driver runs containers of the release (minor-version compatibility). */
export function driverSupports(driver: string, release: CudaRelease): boolean {
  return compareDottedVersions(driver, release.minimumDriver) >= 0;
}

export type CudaImageFlavor = 'base' | 'runtime' | 'devel';

export interface CudaImageTag {
  /** Full CUDA version of the tag (`12.4.1`). */
  cuda: string;
  /** `cudnn8`, or `cudnn` for the cuDNN 9 era tags; undefined without cuDNN. */
  cudnn?: string;
  flavor: CudaImageFlavor;
  /** `ubuntu22.04`, `ubi9`, `rockylinux8`… */
  os: string;
}

/** Parses an `nvidia/cuda` tag: `<cuda>-[cudnn[N]-]<base|runtime|devel>-<os>`; undefined for other shapes. */
export function parseCudaImageTag(tag: string): CudaImageTag | undefined {
  const match = /^(\d+\.\d+(?:\.\d+)?)-(?:(cudnn\d*)-)?(base|runtime|devel)-([a-z]+\d+(?:\.\d+)?)$/.exec(tag);
  if (!match) return undefined;
  const [, cuda = '', cudnn, flavor, os = ''] = match;
  return { cuda, ...(cudnn ? { cudnn } : {}), flavor: flavor as CudaImageFlavor, os };
}
