// The local terminal during a shell session (protocol §7.2): raw mode while connected (restored on
// every exit path), the size (300×100 when stdout is not a terminal, like the plugin), resizes,
// and the job-control signals turned into the bytes the remote pty expects.
import type { CliIo } from '../io.js';

/** The plugin's size when stdout is not a terminal (§7.2). */
export const FALLBACK_SIZE = { cols: 300, rows: 100 } as const;

/** Signals forwarded as bytes (§7.2): Ctrl-C, Ctrl-\, Ctrl-Z. */
export const SIGNAL_BYTES: Readonly<Record<'SIGINT' | 'SIGQUIT' | 'SIGTSTP', number>> = {
  SIGINT: 0x03,
  SIGQUIT: 0x1c,
  SIGTSTP: 0x1a,
};

export interface TerminalHooks {
  input(bytes: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** stdin ended (only when it is not a terminal). */
  end(): void;
}

export function terminalSize(io: CliIo): { cols: number; rows: number } {
  const { columns, rows } = io.stdout;
  if (io.stdout.isTTY && columns && rows) return { cols: columns, rows };
  return { ...FALLBACK_SIZE };
}

/** Takes over the terminal; the returned function gives it back (idempotent). */
export function attachTerminal(io: CliIo, hooks: TerminalHooks): () => void {
  const raw = Boolean(io.stdin.isTTY && io.stdin.setRawMode);
  // Raw mode: keys (Ctrl-C included) arrive as bytes instead of signals, echo is the remote's.
  if (raw) io.stdin.setRawMode?.(true);
  const onData = (chunk: Buffer | string): void => hooks.input(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const onEnd = (): void => hooks.end();
  const onResize = (): void => {
    const size = terminalSize(io);
    hooks.resize(size.cols, size.rows);
  };
  io.stdin.on('data', onData);
  io.stdin.on('end', onEnd);
  io.stdout.on('resize', onResize);
  const signalHandlers = Object.entries(SIGNAL_BYTES).map(([signal, byte]) => {
    const handler = (): void => hooks.input(Uint8Array.of(byte));
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  io.stdin.resume();
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    io.stdin.off('data', onData);
    io.stdin.off('end', onEnd);
    io.stdout.off('resize', onResize);
    for (const [signal, handler] of signalHandlers) process.off(signal, handler);
    if (raw) io.stdin.setRawMode?.(false);
    io.stdin.pause();
  };
  // Whatever ends the process, the user's terminal must not be left in raw mode.
  process.once('exit', restore);
  return restore;
}
