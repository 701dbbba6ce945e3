/**
 * Forward throughput benchmark (issue 4): 1 and 32 connections, download (target → local) and
 * echo (local → target and back at once), in the sandbox's `unpaced` and `faithful` modes, next
 * to the raw loopback websocket figure for frames of the same size. The bench runner calls
 * `benchForward()` and prints `formatForwardBench()`.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Offset } from '../../../main/ssm/frame/index.js';
import { PORT } from '../../../main/ssm/port/index.js';
import type { ForwardManager } from '../../../main/sessions/forwards/manager.js';
import { DEMO_TARGETS, startForwardingSandbox } from '../../../testing/sessions/forwards/sandbox-forwards.js';
import { download, echoTransfer } from '../../../testing/sessions/forwards/traffic.js';

export const FORWARD_BENCH = {
  /** Bytes per case, split across its connections: enough for a steady rate without a long run. */
  UNPACED_BYTES: 16 * 1024 * 1024,
  /** Faithful mode runs near 1 MB/s by design (the agent's 1 ms per 1024-byte message, §16). */
  FAITHFUL_BYTES: 2 * 1024 * 1024,
  CONNECTION_COUNTS: [1, 32],
  /** Raw websocket reference: this many bytes in messages the size of a full PT 1 frame. */
  RAW_WS_BYTES: 64 * 1024 * 1024,
} as const;

export type Pacing = 'unpaced' | 'faithful';
export type BenchDirection = 'download' | 'echo';

export interface ForwardBenchResult {
  readonly pacing: Pacing;
  readonly connections: number;
  readonly direction: BenchDirection;
  /** Bytes moved per direction (echo moves this much each way). */
  readonly bytes: number;
  readonly seconds: number;
  readonly megabytesPerSecond: number;
}

export interface ForwardBenchReport {
  readonly results: ForwardBenchResult[];
  /** Loopback websocket, one sender, frame-sized binary messages: the transport's ceiling. */
  readonly rawWebsocketMegabytesPerSecond: number;
}

const MB = 1024 * 1024;

export async function benchForward(options: { pacings?: Pacing[]; scale?: number } = {}): Promise<ForwardBenchReport> {
  const scale = options.scale ?? 1;
  const results: ForwardBenchResult[] = [];
  for (const pacing of options.pacings ?? (['unpaced', 'faithful'] as const)) {
    const total = Math.round((pacing === 'unpaced' ? FORWARD_BENCH.UNPACED_BYTES : FORWARD_BENCH.FAITHFUL_BYTES) * scale);
    const fx = await startForwardingSandbox({ pacing });
    try {
      const manager = fx.newManager();
      const http = await activeForward(manager, 8080);
      const echo = await activeForward(manager, 9000);
      for (const connections of FORWARD_BENCH.CONNECTION_COUNTS) {
        const each = Math.floor(total / connections);
        for (const direction of ['download', 'echo'] as const) {
          const started = performance.now();
          await Promise.all(
            Array.from({ length: connections }, () => (direction === 'download' ? download(http, each) : echoTransfer(echo, each))),
          );
          const seconds = (performance.now() - started) / 1000;
          const bytes = each * connections;
          results.push({ pacing, connections, direction, bytes, seconds, megabytesPerSecond: bytes / MB / seconds });
        }
      }
    } finally {
      await fx.stop();
    }
  }
  return { results, rawWebsocketMegabytesPerSecond: await rawWebsocketThroughput(Math.round(FORWARD_BENCH.RAW_WS_BYTES * scale)) };
}

async function activeForward(manager: ForwardManager, remotePort: number): Promise<number> {
  const f = await manager.create({ target: DEMO_TARGETS.container, remotePort });
  await new Promise<void>((resolve) => {
    const check = () => manager.get(f.id).state === 'active' && (manager.off('changed', check), resolve());
    manager.on('changed', check);
    check();
  });
  return f.localPort!;
}

/** Sends `bytes` over a loopback websocket in full-PT-1-frame-sized binary messages. */
export async function rawWebsocketThroughput(bytes: number): Promise<number> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const frame = Buffer.alloc(Offset.Payload + PORT.MAX_PAYLOAD_BYTES, 7);
  const count = Math.ceil(bytes / frame.length);
  const received = new Promise<void>((resolve) => {
    server.once('connection', (ws) => {
      let got = 0;
      ws.on('message', () => ++got === count && resolve());
    });
  });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await once(client, 'open');
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    client.send(frame);
    if (client.bufferedAmount > 4 * MB) await new Promise((r) => setImmediate(r));
  }
  await received;
  const seconds = (performance.now() - started) / 1000;
  client.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return (count * frame.length) / MB / seconds;
}

export function formatForwardBench(report: ForwardBenchReport): string {
  const raw = report.rawWebsocketMegabytesPerSecond;
  const lines = [
    '| pacing | connections | direction | MB (each way) | s | MB/s | vs raw ws |',
    '|---|---:|---|---:|---:|---:|---:|',
    ...report.results.map(
      (r) =>
        `| ${r.pacing} | ${r.connections} | ${r.direction} | ${(r.bytes / MB).toFixed(1)} | ${r.seconds.toFixed(2)} | ${r.megabytesPerSecond.toFixed(2)} | ${((r.megabytesPerSecond / raw) * 100).toFixed(1)}% |`,
    ),
    '',
    `Raw loopback websocket (${Offset.Payload + PORT.MAX_PAYLOAD_BYTES}-byte messages, one sender): ${raw.toFixed(1)} MB/s.`,
  ];
  return lines.join('\n');
}
