// The WebGL renderer of one terminal, loaded only while the terminal is visible (browsers allow
// ~16 live contexts) and given up for good after a context loss (the DOM renderer takes over).
import { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';
import { webglAvailable } from './webgl-probe.js';

export class WebglRenderer {
  #addon: WebglAddon | null = null;
  #broken = false;

  constructor(private readonly term: Terminal) {}

  get active(): boolean {
    return this.#addon !== null;
  }

  load(): void {
    if (this.#addon !== null || this.#broken || !webglAvailable()) return;
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        // A lost context tends to be lost again: stay on the DOM renderer.
        this.#broken = true;
        this.dispose();
      });
      this.term.loadAddon(addon);
      this.#addon = addon;
    } catch {
      this.#broken = true;
    }
  }

  dispose(): void {
    const addon = this.#addon;
    this.#addon = null;
    try {
      addon?.dispose();
    } catch {
      // Disposing after a context loss can throw inside the addon; the DOM renderer takes over either way.
    }
  }
}
