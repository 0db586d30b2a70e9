import { describe, expect, it } from 'vitest';
import { compilesFor, cudaMinor, cudaRelease, driverSupports, parseCapability, parseCudaImageTag } from '../../rules/_lib/cuda.js';

describe('CUDA catalogue', () => {
  it('reads CUDA versions in their usual spellings', () => {
    expect(cudaMinor('12.4.1')).toBe('12.4');
    expect(cudaMinor('cu121')).toBe('12.1');
    expect(cudaMinor('cuda11.8')).toBe('11.8');
    expect(cudaMinor('latest')).toBeUndefined();
  });

  it('reads compute capabilities as sm_XY or X.Y', () => {
    expect(parseCapability('sm_86')).toEqual({ major: 8, minor: 6 });
    expect(parseCapability('9.0')).toEqual({ major: 9, minor: 0 });
    expect(parseCapability('sm_100')).toEqual({ major: 10, minor: 0 });
  });

  it('knows which architectures a release compiles for', () => {
    expect(compilesFor(cudaRelease('11.7')!, 'sm_90')).toBe(false);
    expect(compilesFor(cudaRelease('11.8.0')!, '9.0')).toBe(true);
    expect(compilesFor(cudaRelease('13.0')!, '7.0')).toBe(false);
    expect(compilesFor(cudaRelease('12.8')!, 'sm_120')).toBe(true);
  });

  it('knows the minimum driver through minor-version compatibility', () => {
    expect(driverSupports('535.104.05', cudaRelease('12.4')!)).toBe(true);
    expect(driverSupports('470.82.01', cudaRelease('12.0')!)).toBe(false);
    expect(driverSupports('570.86.10', cudaRelease('13.0')!)).toBe(false);
  });

  it('parses nvidia/cuda tags', () => {
    expect(parseCudaImageTag('12.4.1-cudnn-runtime-ubuntu22.04')).toEqual({
      cuda: '12.4.1',
      cudnn: 'cudnn',
      flavor: 'runtime',
      os: 'ubuntu22.04',
    });
    expect(parseCudaImageTag('11.8.0-cudnn8-devel-ubuntu20.04')).toEqual({
      cuda: '11.8.0',
      cudnn: 'cudnn8',
      flavor: 'devel',
      os: 'ubuntu20.04',
    });
    expect(parseCudaImageTag('12.2.2-base-ubi9')).toEqual({ cuda: '12.2.2', flavor: 'base', os: 'ubi9' });
    expect(parseCudaImageTag('latest')).toBeUndefined();
  });
});
