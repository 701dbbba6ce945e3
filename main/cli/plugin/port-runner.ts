// The port half of the drop-in (protocol §8): LocalPortForwarding listens locally and prints the
// plugin's lines; AWS-StartSSHSession (no `type`) forwards stdin/stdout, for ssh's ProxyCommand,
// printing nothing on stdout but the remote bytes. stdin's end is a half-close there: the remote
// answer is still delivered (the engine lingers, PORT.STREAM_EOF_LINGER_MS), and every byte
// received reaches stdout before the session's end is reported.
// Ctrl-C / Ctrl-Z / Ctrl-\ end the session with the TerminateSession flag, as the plugin does.
import net from 'node:net';
import { once } from 'node:events';
import type { DataChannel, SessionInfo } from '../../ssm/index.js';
import { DataChannelPort } from '../../ssm/port/data-channel-port.js';
import { startPortSession, type PortSession } from '../../ssm/port/port-session.js';
import { PORT } from '../../ssm/port/constants.js';
import { getKey } from './argv.js';
import { PLUGIN_MESSAGES } from './messages.js';
import type { CliIo } from '../io.js';
import type { StatusLines } from './status-lines.js';

/** The plugin listens on "localhost"; Porthole binds the loopback address explicitly. */
const LISTEN_HOST = '127.0.0.1';
const TERMINATE_SIGNALS = ['SIGINT', 'SIGTSTP', 'SIGQUIT'] as const;

export interface PortRun {
  session: PortSession;
  /** Resolves when the session was ended by a signal (the caller prints the exit line). */
  terminated: Promise<void>;
  release(): Promise<void>;
}

function property(info: SessionInfo, key: string): string | undefined {
  const v = getKey(info.properties, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export async function runPort(dc: DataChannel, info: SessionInfo, io: CliIo, lines: StatusLines): Promise<PortRun> {
  const channel = new DataChannelPort(dc, info);
  const session = startPortSession(channel);
  const sid = dc.sessionId;
  const stream = session.mode === 'stream';
  // Stream mode: stdin's end reaches the session as a half-close, the answer still flows back.
  const server = net.createServer({ pauseOnConnect: false, allowHalfOpen: stream });
  let stdioClient: net.Socket | undefined;
  let accepted = 0;
  server.on('connection', (socket) => {
    accepted++;
    // The plugin prints this for the first connection only, in both modes (§8.2, §8.3).
    if (accepted === 1 && session.mode === 'basic') void lines.write(PLUGIN_MESSAGES.connectionAcceptedBasic(sid));
    else if (accepted === 1 && session.mode === 'mux') void lines.write(PLUGIN_MESSAGES.connectionAcceptedMux(sid));
    session.attach(socket);
  });
  session.on('connectionClosed', (_info, reason) => {
    if (reason === PORT.CONNECT_ERROR_TEXT) void lines.write(PLUGIN_MESSAGES.connectToPortError, 'notice');
  });

  if (stream) {
    // ssh ProxyCommand: stdin/stdout become the one connection, through a loopback socket pair.
    server.listen(0, LISTEN_HOST);
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    stdioClient = net.connect({ port, host: LISTEN_HOST, allowHalfOpen: true });
    stdioClient.on('error', () => stdioClient?.destroy()); // a reset pair: drained() resolves on close
    io.stdin.pipe(stdioClient);
    stdioClient.pipe(io.stdout, { end: false });
  } else {
    const unixPath = property(info, 'localConnectionType') === 'unix' ? property(info, 'localUnixSocket') : undefined;
    if (unixPath) server.listen(unixPath);
    else server.listen(Number(property(info, 'localPortNumber') ?? '0') || 0, LISTEN_HOST);
    await once(server, 'listening');
    const address = server.address();
    const shown = typeof address === 'string' ? address : (address?.port ?? 0);
    if (session.mode === 'mux') void lines.write(PLUGIN_MESSAGES.portOpened(shown, sid) + PLUGIN_MESSAGES.waitingForConnections);
    else void lines.write(PLUGIN_MESSAGES.portOpened(shown, sid) + '\n');
  }

  let onSignal: () => void = () => undefined;
  const terminated = new Promise<void>((resolve) => {
    onSignal = () => {
      void lines.write(PLUGIN_MESSAGES.terminateSignal);
      void session.close('terminate signal received').then(resolve);
    };
  });
  // The SSH stream mode installs no handler in the plugin (a signal simply kills it); same here.
  if (!stream) for (const s of TERMINATE_SIGNALS) process.on(s, onSignal);

  return {
    session,
    terminated,
    async release() {
      for (const s of TERMINATE_SIGNALS) process.off(s, onSignal);
      if (stdioClient) {
        io.stdin.unpipe(stdioClient);
        // The session ends its side gracefully: read it to the end so every byte reaches stdout.
        await drained(stdioClient);
        stdioClient.destroy();
      }
      server.close();
    },
  };
}

/** Resolves once `socket` has delivered everything its peer sent (or was torn down). */
function drained(socket: net.Socket): Promise<void> {
  if (socket.readableEnded || socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('end', resolve);
    socket.once('close', resolve);
  });
}
