// The WebGL renderer of one terminal, loaded only while the terminal is visible (browsers allow
// ~16 live contexts) and given up for good after a context loss (the DOM renderer takes over).
// The addon's code is imported on first use, and only where WebGL is worth it (webgl-probe.ts):
// software-rendered machines never download it.
import type * as WebglModule from '@xterm/addon-webgl';
import type { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';
import { webglAvailable } from './webgl-probe.js';

let addonModule: Promise<typeof WebglModule> | null = null;

export class WebglRenderer {
  #addon: WebglAddon | null = null;
  #broken = false;
  /** Wanted while visible; the import may finish after the terminal was hidden or disposed again. */
  #wanted = false;

  constructor(private readonly term: Terminal) {}

  get active(): boolean {
    return this.#addon !== null;
  }

  load(): void {
    this.#wanted = true;
    if (this.#addon !== null || this.#broken || !webglAvailable()) return;
    addonModule ??= import('@xterm/addon-webgl');
    addonModule.then(
      ({ WebglAddon: Addon }) => this.#attach(Addon),
      () => {
        // Without the addon's code the DOM renderer stays; the next terminal may try again.
        addonModule = null;
      },
    );
  }

  #attach(Addon: typeof WebglAddon): void {
    if (!this.#wanted || this.#addon !== null || this.#broken) return;
    try {
      const addon = new Addon();
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
    this.#wanted = false;
    const addon = this.#addon;
    this.#addon = null;
    try {
      addon?.dispose();
    } catch {
      // Disposing after a context loss can throw inside the addon; the DOM renderer takes over either way.
    }
  }
}
