// Test support: one sandbox app for a whole test file and the windows (TestClients) its tests
// open, all closed after the file's last test — the set-up every router test file needs.
import { afterAll, beforeAll } from 'vitest';
import type { PortholeApp } from '../../main/composition/porthole.js';
import { startSandboxApp, type SandboxApp } from './sandbox-app.js';
import { TestClient } from './test-client.js';

export interface AppPerFile {
  /** The app (valid from the first beforeAll on). */
  readonly porthole: PortholeApp;
  readonly dataDir: string;
  /** A new window on the app's router, closed with the app. */
  window(): TestClient;
}

export function sandboxAppPerFile(
  extra: Parameters<typeof startSandboxApp>[0] = {},
  /** How windows end: `dropped` (a lost link) unless a file needs them to end as a closed window does. */
  closeAs: 'dropped' | 'ended' = 'dropped',
): AppPerFile {
  let started: SandboxApp | undefined;
  const windows: TestClient[] = [];
  const app = (): SandboxApp => {
    if (started === undefined) throw new Error('the sandbox app is not started yet: use it inside a test or a beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startSandboxApp(extra);
  });
  afterAll(async () => {
    for (const w of windows) w.close(closeAs);
    await started?.stop();
  });
  return {
    get porthole() {
      return app().app;
    },
    get dataDir() {
      return app().dataDir;
    },
    window() {
      const w = new TestClient(app().app.router);
      windows.push(w);
      return w;
    },
  };
}
