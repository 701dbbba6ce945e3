/**
 * Test support: an HTTP server on 127.0.0.1:0 with the gateway attached, a registry, and helpers
 * to register sessions the way the API does. `close()` stops everything.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionRegistry, type SandboxSession, type SandboxSessionKind } from '../../../main/sandbox/session-registry.js';
import { afterEach, beforeEach } from 'vitest';
import { attachGateway, type Gateway, type GatewayOptions } from '../../../main/sandbox/gateway/index.js';
import { startEchoServer, type EchoServer } from './tcp-servers.js';

export interface Fixture {
  registry: SessionRegistry;
  gateway: Gateway;
  port: number;
  workdir: string;
  url(sessionId: string): string;
  addSession(kind: SandboxSessionKind, extra?: Partial<SandboxSession>): SandboxSession;
  close(): Promise<void>;
}

/** Token lifetime for test sessions: long enough never to expire unless a test expires it. */
const TEST_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export async function startFixture(options: Omit<GatewayOptions, 'registry'> = {}): Promise<Fixture> {
  const registry = new SessionRegistry();
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  const gateway = attachGateway(server, { registry, pacing: 'unpaced', shell: '/bin/sh', ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const workdir = mkdtempSync(join(tmpdir(), 'porthole-gw-'));
  let n = 0;
  return {
    registry,
    gateway,
    port,
    workdir,
    url: (sid) => `ws://127.0.0.1:${port}/v1/data-channel/${sid}?role=publish_subscribe`,
    addSession(kind, extra = {}) {
      const session: SandboxSession = {
        sessionId: `test-${++n}-${randomBytes(4).toString('hex')}`,
        target: 'i-0123456789abcdef0',
        documentName: 'SSM-SessionManagerRunShell',
        kind,
        tokenValue: `token-${randomBytes(12).toString('hex')}`,
        tokenExpiresAt: Date.now() + TEST_TOKEN_LIFETIME_MS,
        workdir,
        agentVersion: '3.3.987.0',
        state: 'Pending',
        createdAt: Date.now(),
        ...extra,
      };
      registry.add(session);
      return session;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(workdir, { recursive: true, force: true });
    },
  };
}

/** A fresh gateway fixture and TCP echo server for every test of a file, closed after each. */
export interface GatewayWithEcho {
  readonly fx: Fixture;
  readonly echo: EchoServer;
}

export function gatewayWithEchoPerTest(): GatewayWithEcho {
  let current: { fx: Fixture; echo: EchoServer } | undefined;
  const get = () => {
    if (current === undefined) throw new Error('the gateway fixture exists only inside a test');
    return current;
  };
  beforeEach(async () => {
    current = { fx: await startFixture(), echo: await startEchoServer() };
  });
  afterEach(async () => {
    await current?.fx.close();
    await current?.echo.close();
    current = undefined;
  });
  return {
    get fx() {
      return get().fx;
    },
    get echo() {
      return get().echo;
    },
  };
}
