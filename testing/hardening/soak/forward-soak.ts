/**
 * Forward half of the soak: one forward to the sandbox's echo port carrying `connections`
 * parallel TCP connections, each sending random bytes and hashing the echo, over the faulty link.
 */
import type { ForwardingSandbox } from '../../sessions/forwards/sandbox-forwards.js';
import { DEMO_TARGETS } from '../../sessions/forwards/sandbox-forwards.js';
import { echoTransfer } from '../../sessions/forwards/traffic.js';
import { linkStats, type LinkStats } from './link-stats.js';
import type { FaultSchedule } from './schedule.js';
import type { SoakProgress } from './shell-soak.js';

/** How often the forward's byte counter is copied into the progress. */
const PROGRESS_MS = 500;
/** The demo container's echo port. */
const ECHO_PORT = 9000;

export interface ForwardSoakResult {
  readonly connections: number;
  /** Bytes each way, all connections. */
  readonly bytes: number;
  /** Connections whose echo hashed equal to what was sent. */
  readonly intact: number;
  /** The same port session throughout: resumed on every kill, never restarted. */
  readonly sessionIdKept: boolean;
  readonly restarts: number;
  readonly link: LinkStats;
}

export async function forwardSoak(fx: ForwardingSandbox, bytes: number, connections: number, schedule: FaultSchedule, progress: SoakProgress): Promise<ForwardSoakResult> {
  const manager = fx.newManager();
  const f = await manager.create({ target: DEMO_TARGETS.container, remotePort: ECHO_PORT });
  await new Promise<void>((resolve) => {
    const check = () => manager.get(f.id).state === 'active' && (manager.off('changed', check), resolve());
    manager.on('changed', check);
    check();
  });
  const sessionId = manager.get(f.id).sessionId;
  if (sessionId === undefined || f.localPort === undefined) throw new Error('the soak forward became active without a session or port');
  schedule.add(sessionId);
  const each = Math.floor(bytes / connections);
  const port = f.localPort;
  const meter = setInterval(() => (progress.forwardBytes = manager.get(f.id).bytesFromRemote), PROGRESS_MS);
  const results = await Promise.all(Array.from({ length: connections }, () => echoTransfer(port, each))).finally(() => {
    clearInterval(meter);
    progress.forwardBytes = manager.get(f.id).bytesFromRemote;
  });
  const status = manager.get(f.id);
  schedule.remove(sessionId);
  const link = linkStats(fx.harness.gateway, sessionId);
  await manager.remove(f.id);
  return {
    connections,
    bytes: each * connections,
    intact: results.filter((r) => r.bytes === each && r.sentSha256 === r.receivedSha256).length,
    sessionIdKept: status.sessionId === sessionId,
    restarts: status.restarts,
    link,
  };
}
