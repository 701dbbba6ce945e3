/**
 * The websocket side of the sandbox's MGS: upgrades on /v1/data-channel/<sessionId>, the
 * Host/Origin gate (host-check.ts), the OpenDataChannel handshake and token check, one SessionHost (agent) per session, and
 * registry terminations. A bad open closes only that socket; nothing here throws into the
 * HTTP server, so one failing session never affects another.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TapEvent } from '../../ssm/channel/index.js';
import { AGENT, type PacingMode } from '../agent/constants.js';
import type { AgentKms } from '../agent/handshake.js';
import { FaultController } from '../faults/controller.js';
import { refuseForeignRequest } from '../host-check.js';
import { UNCONFINED, type Confinement } from '../targets/confinement.js';
import type { SandboxSession, SessionRegistry } from '../session-registry.js';
import { CloseCode, GATEWAY } from './constants.js';
import { OpenRejected, checkToken, parseOpenRequest } from './open-request.js';
import { SessionHost } from './session-host.js';
import type { MessageReader } from '../../ssm/connection/message-reader.js';
import { readBinaryMessages } from '../../ssm/connection/read-binary-messages.js';

/** A websocket Close reason is limited to 123 bytes. */
const MAX_CLOSE_REASON = 120;

export interface GatewayOptions {
  registry: SessionRegistry;
  /** `faithful` (1 ms per ≤ 1024-byte message, like the agent) or `unpaced`. Default faithful. */
  pacing?: PacingMode;
  /** Fault injection; a fresh controller is created when omitted. */
  faults?: FaultController;
  /** The sandbox KMS for encrypted shells (the API's KmsKeyStore fits). */
  kms?: AgentKms;
  /** Shell for Standard_Stream sessions; default `$SHELL`, else /bin/sh. */
  shell?: string;
  /** How target shells and commands run (bubblewrap or not); default unconfined, scrubbed environment. */
  confinement?: Confinement;
  /** Extra delay before a shell's pty exists, to widen the "not ready" window in tests. Default 0. */
  shellStartDelayMs?: number;
  /**
   * How long a shell's output is held after its pty starts. Default AGENT.SHELL_FIRST_OUTPUT_DELAY_MS,
   * the real agent's 1 s (§7.3); a test suite that opens many shells may shorten it (the hold
   * itself still happens: output read meanwhile is kept and sent when it ends).
   */
  shellFirstOutputDelayMs?: number;
  /** Every frame in/out of every agent (inspector, tests). */
  tap?: (sessionId: string, event: TapEvent) => void;
}

export interface Gateway {
  readonly faults: FaultController;
  /** The live host of a session (agent + socket), if a client has opened it. */
  host(sessionId: string): SessionHost | undefined;
  /** Stops every agent and closes every data-channel socket; detaches from the server. */
  close(): Promise<void>;
}

export function attachGateway(server: Server, options: GatewayOptions): Gateway {
  const { registry } = options;
  const faults = options.faults ?? new FaultController();
  const hosts = new Map<string, SessionHost>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: GATEWAY.MAX_PAYLOAD_BYTES });
  const settings = {
    pacing: options.pacing ?? 'faithful',
    shell: options.shell ?? process.env['SHELL'] ?? '/bin/sh',
    shellStartDelayMs: options.shellStartDelayMs ?? 0,
    shellFirstOutputDelayMs: options.shellFirstOutputDelayMs ?? AGENT.SHELL_FIRST_OUTPUT_DELAY_MS,
    confinement: options.confinement ?? UNCONFINED,
    kms: options.kms,
    ...(options.tap ? { tap: options.tap } : {}),
  };
  const unregister = new Map<string, () => void>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // First: Node drops its own error listener from upgrade sockets, so a client reset would be uncaught.
    socket.on('error', () => socket.destroy());
    // A foreign Host (DNS rebinding) or any browser Origin is refused before the upgrade.
    const refused = refuseForeignRequest(req, { allowOwnOrigin: false });
    if (refused) {
      const text = `${refused}\n`;
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
      return;
    }
    const sessionId = sessionIdOf(req.url);
    if (sessionId === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The reader goes in before ws reads a byte; until a session attaches it leaves messages to ws.
    wss.handleUpgrade(req, socket, head, (ws) => awaitOpen(ws, sessionId, socket, readBinaryMessages(ws, { maskedFromPeer: true, maxPayload: GATEWAY.MAX_PAYLOAD_BYTES })));
  };

  const awaitOpen = (ws: WebSocket, sessionId: string, socket: Duplex, reader: MessageReader | undefined): void => {
    ws.on('error', () => ws.terminate());
    const timer = setTimeout(() => ws.close(CloseCode.OpenTimeout, 'no OpenDataChannel frame received'), GATEWAY.OPEN_TIMEOUT_MS);
    ws.once('message', (data, isBinary) => {
      clearTimeout(timer);
      try {
        if (isBinary) throw new OpenRejected(CloseCode.BadOpenRequest, 'expected the OpenDataChannel text frame first');
        const text = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
        if (text.length > GATEWAY.MAX_OPEN_FRAME_BYTES) throw new OpenRejected(CloseCode.BadOpenRequest, 'OpenDataChannel frame too large');
        const open = parseOpenRequest(text.toString('utf8'));
        const session = checkToken(registry.get(sessionId), sessionId, open, Date.now());
        const existing = hosts.get(sessionId);
        if (session.state === 'Terminated' && !existing?.stats.finished) {
          throw new OpenRejected(CloseCode.SessionTerminated, 'session is terminated');
        }
        hostFor(session).attach(ws, socket, reader);
        if (session.state === 'Pending') session.state = 'Connected';
        // The idle timeout counts from the first connection, and each reconnection starts it
        // again, as AWS documents (session-limits.ts).
        session.lastActivityAt = Date.now();
      } catch (error) {
        // Whatever went wrong stays with this socket: close it with the reason, never throw.
        if (error instanceof OpenRejected) ws.close(error.code, error.reason);
        else ws.close(CloseCode.InternalError, `gateway error: ${error instanceof Error ? error.message : String(error)}`.slice(0, MAX_CLOSE_REASON));
      }
    });
    ws.once('close', () => clearTimeout(timer));
  };

  const hostFor = (session: SandboxSession): SessionHost => {
    let host = hosts.get(session.sessionId);
    if (host) return host;
    const id = session.sessionId;
    host = new SessionHost(session, registry, settings, () => {
      // Keep an ended host a while so a returning client still gets channel_closed.
      setTimeout(() => {
        unregister.get(id)?.();
        unregister.delete(id);
        hosts.delete(id);
      }, GATEWAY.ENDED_HOST_TTL_MS).unref();
    });
    hosts.set(session.sessionId, host);
    unregister.set(session.sessionId, faults.register(session.sessionId, host));
    return host;
  };

  const onTerminated = (session: SandboxSession, _reason: string, output: string): void => {
    // TerminateSession gives Output '' like a normal end (a client that called it itself just
    // exits); Session Manager's own limits (session-limits.ts) say why the session ended.
    hosts.get(session.sessionId)?.terminate(output);
  };

  server.on('upgrade', onUpgrade);
  registry.on('terminated', onTerminated);

  return {
    faults,
    host: (sessionId) => hosts.get(sessionId),
    close: async () => {
      server.off('upgrade', onUpgrade);
      registry.off('terminated', onTerminated);
      for (const [id, host] of hosts) {
        unregister.get(id)?.();
        host.dispose();
      }
      hosts.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The session id of a data-channel URL, or undefined for any other path or one that cannot be decoded. */
function sessionIdOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const path = new URL(url, 'http://sandbox').pathname;
    if (!path.startsWith(GATEWAY.PATH_PREFIX)) return undefined;
    const id = decodeURIComponent(path.slice(GATEWAY.PATH_PREFIX.length));
    return id.length > 0 && !id.includes('/') ? id : undefined;
  } catch {
    // An unparsable target or broken percent-encoding (URIError) is simply not a session path.
    return undefined;
  }
}
