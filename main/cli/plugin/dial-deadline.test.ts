// Only the drop-in gives up on a silent region at its dial deadline (a person, or ssh's
// ProxyCommand, waits on it); a data channel made the app's way (a shell or forward resuming after
// the network went quiet for a while) sets none and makes every attempt, as the plugin does.
// Against a local server that takes the connection and never answers, with the connection's
// constants shortened (no real 30 s or 20 s waits; no sleeps).
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSilentServer, type SilentServer } from '../../../testing/aws/silent-server.js';
import { silentStartRequest, stubSilentAwsEnv } from '../../../testing/cli/silent-drop-in.js';
import { within } from '../../../testing/vitest/bounded.js';
import { DataChannel, type CloseReason } from '../../ssm/datachannel/index.js';
import type * as ConnectionConstants from '../../ssm/connection/constants.js';
import type { CliIo } from '../io.js';
import { runPluginSession } from './session.js';

const TIMES = vi.hoisted(() => ({
  /** Each attempt's upgrade timeout (the product's is 20 s). */
  DIAL_TIMEOUT_MS: 150,
  /** The drop-in's deadline (the product's is 30 s): fits two or three attempts, not the plugin's six. */
  DROP_IN_DIAL_DEADLINE_MS: 400,
}));
/** Attempts the plugin makes (Backoff.MAX_ATTEMPTS). */
const PLUGIN_ATTEMPTS = 6;

vi.mock('../../ssm/connection/constants.js', async (importOriginal) => {
  const real = await importOriginal<typeof ConnectionConstants>();
  return { ...real, Connection: { ...real.Connection, ...TIMES } };
});

/** The plugin's schedule with its delays shortened: six attempts, little time between them. */
const FAST_BACKOFF = { INITIAL_DELAY_MS: 1, JITTER_MS: 0, FACTOR: 2, MAX_DELAY_MS: 5, MAX_ATTEMPTS: PLUGIN_ATTEMPTS };

let silent: SilentServer;
const cleanups: Array<() => unknown> = [];
beforeEach(async () => {
  silent = await startSilentServer();
  cleanups.push(() => silent.close());
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  vi.unstubAllEnvs();
});

const streamUrl = (): string => `${silent.url.replace(/^http/, 'ws')}/v1/data-channel/s-silent?role=publish_subscribe`;

describe('the dial deadline', () => {
  it('a channel made the app’s way keeps attempting past the drop-in’s deadline: all of the plugin’s attempts', async () => {
    const dc = new DataChannel({ credentials: { sessionId: 's-silent', tokenValue: 't', streamUrl: streamUrl() }, backoff: FAST_BACKOFF });
    cleanups.push(() => dc.close());
    const closed = new Promise<CloseReason>((resolve) => dc.on('closed', resolve));
    void dc.open();
    const reason = await within('the app’s channel to give up on the silent gateway', closed);
    expect(reason).toMatchObject({ kind: 'failed', cause: 'unreachable', message: expect.stringMatching(new RegExp(`^could not open the data channel after ${PLUGIN_ATTEMPTS} attempts: `)) });
    expect(reason.message).not.toMatch(/nothing answered within/);
    expect(silent.connections()).toBe(PLUGIN_ATTEMPTS);
  });

  it('the drop-in stops at its deadline and says the region did not answer', async () => {
    // Static keys and no shared files: the drop-in's clients ask nothing but the silent server.
    stubSilentAwsEnv();
    const request = silentStartRequest(silent.url, streamUrl());
    let out = '';
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (b: Buffer) => (out += b.toString()));
    stderr.on('data', (b: Buffer) => (out += b.toString()));
    const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: {} };
    await within('the drop-in to give up on the silent gateway', runPluginSession(request, io, {}));
    expect(out).toMatch(/Cannot perform start session: could not open the data channel after \d attempts?: nothing answered within/);
    expect(silent.connections()).toBeGreaterThanOrEqual(1);
    expect(silent.connections()).toBeLessThan(PLUGIN_ATTEMPTS);
  });
});
