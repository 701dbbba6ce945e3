// What a host (Electron or web) tells the services about where they run.
import type { HostKind } from '../../shared/contract/index.js';

/** The running local sandbox, when the composition root started one (it also stops it). */
export interface SandboxHandle {
  /** Loopback URL of the emulated AWS API (what AWS_ENDPOINT_URL would be). */
  readonly endpoint: string;
  /** True when its target shells run inside bubblewrap (see main/sandbox/targets/confinement.ts). */
  readonly shellsConfined: boolean;
}

export interface HostEnv {
  readonly host: HostKind;
  readonly version: string;
  readonly platform: string;
  /** Where settings, saved forwards and recordings live (created on demand). */
  readonly dataDir: string;
  readonly sandbox: SandboxHandle | null;
}
