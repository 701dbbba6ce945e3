// What both hosts share about start-up (issue 16 §1): the host shows itself first (the web host
// listens and prints its address, Electron opens its window), and the services behind the router
// (the composition root: AWS SDK, sandbox, sessions, forwards…) are built after that, in the
// background. Calls that arrive meanwhile wait on the router (Router.holdUntil) and are answered
// once the services are there, or with why they could not start.
import { Router } from '../../main/ipc/router.js';

/** Printed once the services behind the host are there (the sandbox, when it runs, too): scripts, tests and the bench wait for it. */
export const SERVICES_READY_LINE = 'porthole: services ready.';

/** What runs behind the router once the host shows; closes it all on shutdown. */
export interface Services {
  close(): Promise<void>;
}

export class LazyServices<S extends Services> {
  readonly router: Router;
  /** Settles when the services are there (or could not start); pending until start(). */
  readonly services: Promise<S>;
  #release: () => void = () => undefined;
  #started = false;
  #current: S | null = null;

  /** `compose` builds the services on the router; it is not called before start(). */
  constructor(compose: (router: Router) => Promise<S>, router: Router = new Router()) {
    this.router = router;
    const gate = new Promise<void>((resolve) => (this.#release = resolve));
    this.services = gate.then(() => compose(router));
    this.services.then(
      (s) => (this.#current = s),
      () => undefined,
    );
    router.holdUntil(this.services);
  }

  /** Begins building the services; call once the host has shown itself. Idempotent. */
  start(): void {
    this.#started = true;
    this.#release();
  }

  /** The services once built; null while starting, when they could not start, or before start(). */
  get current(): S | null {
    return this.#current;
  }

  /** Closes what was built, waiting for a start in progress; nothing to do when never started or failed. */
  async close(): Promise<void> {
    if (!this.#started) return;
    const built = await this.services.catch(() => null);
    await built?.close();
  }
}
