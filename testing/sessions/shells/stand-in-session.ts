/**
 * The engine's stand-in for tests of ManagedShell with main/ssm/shell/shell-session.js mocked: a
 * test's vi.mock factory imports this (and only this: it must not load the module being mocked)
 * and subclasses StandInSession with what that test records. Nothing here opens a socket.
 */
import type { ShellSessionEvents } from '../../../main/ssm/shell/shell-session.js';
import { Emitter } from '../../../main/ssm/util/emitter.js';

/** What ManagedShell reads of its engine, each method doing nothing until a test's subclass records it. */
export class StandInSession extends Emitter<ShellSessionEvents> {
  status: 'connecting' | 'connected' | 'reconnecting' | 'closed' = 'connected';
  readonly sessionId = 'aws-session';
  readonly exitCode: number | undefined = 0;
  readonly closedBecause = undefined;
  /** Emits an engine event as the real session would. */
  fire<K extends keyof ShellSessionEvents>(event: K, ...args: ShellSessionEvents[K]): void {
    this.emit(event, ...args);
  }
  open(): Promise<void> {
    return Promise.resolve();
  }
  pause(): void {}
  resume(): void {}
  write(_bytes: Uint8Array): void {}
  resize(_cols: number, _rows: number): void {}
  terminate(): Promise<void> {
    this.status = 'closed';
    return Promise.resolve();
  }
}
