// Whether terminals should draw with WebGL. Only a GPU makes it worth it: without one (headless
// Chromium, a VM, --disable-gpu, a blocklisted driver) Chromium still offers WebGL, rasterised on
// the CPU by SwiftShader or Mesa's llvmpipe, and then every frame of a flooding terminal waits on
// that rasteriser. Measured in the UI bench (8 floods, one showing, no GPU): frame p95 167 ms with
// software WebGL, 67 ms with xterm's DOM renderer. Probed once per page.

/** hardware: use WebGL. software: a CPU rasteriser, the DOM renderer is faster. none: no context at all. */
export type WebglSupport = 'hardware' | 'software' | 'none';

/** What one probe saw; split out from the DOM calls so the decision is testable. */
export interface WebglProbeResult {
  /** A plain WebGL2 context could be created. */
  readonly context: boolean;
  /** The driver's own name (WEBGL_debug_renderer_info), null when the browser withholds it. */
  readonly renderer: string | null;
  /** A context with failIfMajorPerformanceCaveat could be created (browsers refuse it for software rendering, when they know). */
  readonly withoutCaveat: boolean;
}

/** Names CPU rasterisers report: Chromium's SwiftShader (also as ANGLE's Vulkan device), Mesa's llvmpipe/softpipe/lavapipe, Windows' WARP (Basic Render Driver). */
export const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render driver/i;

export function classifyWebgl(probe: WebglProbeResult): WebglSupport {
  if (!probe.context) return 'none';
  if (!probe.withoutCaveat) return 'software';
  if (probe.renderer !== null && SOFTWARE_RENDERERS.test(probe.renderer)) return 'software';
  return 'hardware';
}

/** The subset of a canvas the probe touches (a test passes a fake). */
export interface ProbeCanvas {
  getContext(kind: 'webgl2', options?: WebGLContextAttributes): WebGL2RenderingContext | null;
}

function release(gl: WebGL2RenderingContext | null): void {
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
}

/** Asks the browser: one plain context (and its driver name), one that refuses a performance caveat. */
export function probeWebgl(createCanvas: () => ProbeCanvas): WebglProbeResult {
  const gl = createCanvas().getContext('webgl2');
  if (gl === null) return { context: false, renderer: null, withoutCaveat: false };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = info === null ? null : gl.getParameter(info.UNMASKED_RENDERER_WEBGL);
  release(gl);
  const strict = createCanvas().getContext('webgl2', { failIfMajorPerformanceCaveat: true });
  release(strict);
  return { context: true, renderer: typeof name === 'string' ? name : null, withoutCaveat: strict !== null };
}

let cached: WebglSupport | null = null;

export function webglSupport(): WebglSupport {
  if (cached !== null) return cached;
  try {
    cached = classifyWebgl(probeWebgl(() => document.createElement('canvas')));
  } catch {
    cached = 'none';
  }
  return cached;
}

/** True only on a real GPU: terminals otherwise stay on the DOM renderer without trying WebGL. */
export function webglAvailable(): boolean {
  return webglSupport() === 'hardware';
}
