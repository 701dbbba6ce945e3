/**
 * Test support: the agent's side of a port session (§8.2, §8.3) on a Loopback — an smux server
 * that dials the destination per stream (ConnectToPortError + FIN on failure), or basic mode's
 * single lazily dialled connection. Small on purpose; the sandbox agent is the full emulation.
 */
import net from 'node:net';
import { PayloadType, PayloadTypeFlag, decodeFlag, encodeFlag } from '../../../main/ssm/frame/index.js';
import { SmuxSession } from '../../../main/ssm/smux/index.js';
import type { Loopback } from './loopback.js';

/** The agent reads and sends at most this much per message (§4.5). */
const AGENT_CHUNK = 1024;

export interface TestAgentOptions {
  mode: 'mux' | 'basic';
  destination: { host: string; port: number };
  onTerminate?: () => void;
}

export function runTestAgent(loop: Loopback, options: TestAgentOptions): { close(): void } {
  const channel = loop.agent.channel;
  const sockets = new Set<net.Socket>();
  const send = (bytes: Uint8Array) => {
    if (loop.closed) return;
    for (let at = 0; at < bytes.length; at += AGENT_CHUNK) channel.send(PayloadType.Output, bytes.subarray(at, at + AGENT_CHUNK));
  };
  const dial = () => {
    const socket = net.connect(options.destination.port, options.destination.host);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };
  const onFlag = (value: number, basicDisconnect: () => void) => {
    if (value === PayloadTypeFlag.TerminateSession) options.onTerminate?.();
    if (value === PayloadTypeFlag.DisconnectToPort) basicDisconnect();
  };

  if (options.mode === 'mux') {
    const smux = new SmuxSession({ role: 'server', keepAlive: false, send: (bytes) => (send(bytes), true) });
    smux.on('stream', (stream) => {
      const socket = dial();
      socket.once('connect', () => {
        socket.pipe(stream).pipe(socket);
      });
      let connected = false;
      socket.once('connect', () => (connected = true));
      socket.once('error', () => {
        // As the agent: a failed dial sends ConnectToPortError, then FIN on that stream (§8.3).
        if (!connected && !loop.closed) channel.send(PayloadType.Flag, encodeFlag(PayloadTypeFlag.ConnectToPortError));
        stream.destroy();
      });
      stream.on('error', () => socket.destroy());
      stream.on('close', () => socket.end());
    });
    smux.on('inputResumed', () => channel.retryDelivery());
    loop.agent.deliver = (frame) => {
      if (frame.payloadType === PayloadType.Flag) onFlag(decodeFlag(frame.payload), () => undefined);
      if (frame.payloadType !== PayloadType.Output) return 'accepted';
      if (!smux.acceptingInput) return 'not-ready';
      smux.receive(frame.payload);
      return 'accepted';
    };
    return { close: () => (smux.close(), sockets.forEach((s) => s.destroy())) };
  }

  let tcp: net.Socket | undefined;
  loop.agent.deliver = (frame) => {
    if (frame.payloadType === PayloadType.Flag) {
      onFlag(decodeFlag(frame.payload), () => {
        tcp?.destroy();
        tcp = undefined;
      });
      return 'accepted';
    }
    if (!tcp) {
      const socket = dial();
      tcp = socket;
      socket.on('data', (chunk: Buffer) => send(chunk));
      socket.on('error', () => socket.destroy());
      socket.on('close', () => tcp === socket && (tcp = undefined));
    }
    tcp.write(frame.payload);
    return 'accepted';
  };
  return { close: () => sockets.forEach((s) => s.destroy()) };
}
