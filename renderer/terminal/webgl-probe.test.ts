import { describe, expect, it } from 'vitest';
import { classifyWebgl, probeWebgl, type ProbeCanvas } from './webgl-probe.js';

const hw = { context: true, withoutCaveat: true } as const;

describe('classifyWebgl', () => {
  it('keeps WebGL on real GPUs', () => {
    for (const renderer of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)',
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
    ]) {
      expect(classifyWebgl({ ...hw, renderer })).toBe('hardware');
    }
  });

  it('calls CPU rasterisers software, whatever wraps their name', () => {
    for (const renderer of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', // this machine's headless Chromium
      'Google SwiftShader',
      'ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)',
      'softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Software Rasterizer',
    ]) {
      expect(classifyWebgl({ ...hw, renderer })).toBe('software');
    }
  });

  it('trusts a refused failIfMajorPerformanceCaveat even when the name is withheld', () => {
    expect(classifyWebgl({ context: true, renderer: null, withoutCaveat: false })).toBe('software');
    expect(classifyWebgl({ context: true, renderer: null, withoutCaveat: true })).toBe('hardware');
  });

  it('reports none when no context can be created', () => {
    expect(classifyWebgl({ context: false, renderer: null, withoutCaveat: false })).toBe('none');
  });
});

/** A canvas whose context reports `renderer` and refuses the caveat flag when `caveat` is set. */
function fakeCanvas(renderer: string | null, caveat: boolean, lost: string[]): () => ProbeCanvas {
  const UNMASKED_RENDERER_WEBGL = 0x9246;
  return () => ({
    getContext: (_kind, options) => {
      if (caveat && options?.failIfMajorPerformanceCaveat === true) return null;
      const gl = {
        getExtension: (name: string) => {
          if (name === 'WEBGL_debug_renderer_info') return renderer === null ? null : { UNMASKED_RENDERER_WEBGL };
          if (name === 'WEBGL_lose_context') return { loseContext: () => lost.push(options ? 'strict' : 'plain') };
          return null;
        },
        getParameter: (p: number) => (p === UNMASKED_RENDERER_WEBGL ? renderer : null),
      };
      return gl as unknown as WebGL2RenderingContext;
    },
  });
}

describe('probeWebgl', () => {
  it('reads the driver name and the caveat answer, and releases both contexts', () => {
    const lost: string[] = [];
    expect(probeWebgl(fakeCanvas('llvmpipe', true, lost))).toEqual({ context: true, renderer: 'llvmpipe', withoutCaveat: false });
    expect(lost).toEqual(['plain']);
    const lost2: string[] = [];
    expect(probeWebgl(fakeCanvas('Apple M2', false, lost2))).toEqual({ context: true, renderer: 'Apple M2', withoutCaveat: true });
    expect(lost2).toEqual(['plain', 'strict']);
  });

  it('copes with a withheld driver name and with no WebGL at all', () => {
    expect(probeWebgl(fakeCanvas(null, false, []))).toEqual({ context: true, renderer: null, withoutCaveat: true });
    expect(probeWebgl(() => ({ getContext: () => null }))).toEqual({ context: false, renderer: null, withoutCaveat: false });
  });
});
