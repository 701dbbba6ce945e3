// Whether this renderer can create a WebGL2 context at all (no GPU, a blocklisted driver or
// --disable-gpu mean no). Probed once; terminals then stay on the DOM renderer without trying.
let cached: boolean | null = null;

export function webglAvailable(): boolean {
  if (cached !== null) return cached;
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    cached = gl !== null;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
