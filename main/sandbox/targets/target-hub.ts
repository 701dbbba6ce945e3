/**
 * The sandbox's targets: real servers for declared ports, started on first use (a generated
 * world of 500,000 tasks must not open 500,000 sockets), and a working directory per target for
 * its shells. Resolves a Port session's (host, portNumber) to the loopback address to dial.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../storage/index.js';
import { startPortServer, type PortServerKind, type RunningPortServer } from './port-server.js';

/** TARGET.txt is the emulated machine's own file, not a secret: its shell reads it (and may change it). */
const TARGET_FILE_MODE = 0o644;

export interface TargetPort {
  readonly port: number;
  readonly kind: PortServerKind;
}

/** A container or instance as the hub needs it. */
export interface TargetInfo {
  /** Session target: `i-…` or `ecs:<cluster>_<taskId>_<runtimeId>`. */
  readonly key: string;
  /**
   * Where it is, `<account>/<region>`: SSM targets name no region (StartSession is a regional call),
   * so a world with a same-named cluster and task, or the same instance id, in two regions has two
   * targets under one key. Each has its own folder and port servers.
   */
  readonly scope: string;
  /** Human name used in the servers' greeting (`hello from <label> port 8080`). */
  readonly label: string;
  readonly ports: readonly TargetPort[];
  /** Host names that mean the target itself besides localhost (private IP, computer name). */
  readonly aliases: readonly string[];
}

export interface RemoteHostInfo {
  readonly host: string;
  readonly port: number;
  readonly kind: PortServerKind;
}

export interface DialAddress {
  readonly host: string;
  readonly port: number;
}

/** A path segment from a target key or scope part: characters outside [A-Za-z0-9._-] become `_`. */
function safeName(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Names every target answers to as itself (the agent dials them on the target, spec §8.1). */
const SELF_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0']);

export class TargetHub {
  readonly root: string;
  private readonly servers = new Map<string, Promise<RunningPortServer>>();
  private closed = false;
  /** Only a directory the hub created itself is removed on close. */
  private readonly ownsRoot: boolean;

  /** `root`: use this directory as is; otherwise a fresh temp dir is made under `parent` (or the OS temp dir). */
  constructor(opts: { root?: string; parent?: string } = {}) {
    this.ownsRoot = opts.root === undefined;
    this.root = opts.root ?? mkdtempSync(path.join(opts.parent ?? tmpdir(), 'porthole-sandbox-'));
  }

  /**
   * The target's shell working directory, created on first use with a file naming the target.
   * The folder is the shell's to change (even a confined one): the file is replaced through the
   * atomic writer, never written through whatever link a shell left under its name.
   */
  async workdir(target: Pick<TargetInfo, 'key' | 'label' | 'scope'>): Promise<string> {
    const dir = path.join(this.root, 'targets', ...target.scope.split('/').map(safeName), safeName(target.key));
    mkdirSync(dir, { recursive: true });
    await writeFileAtomic(path.join(dir, 'TARGET.txt'), `${target.label} (${target.key})\n`, { mode: TARGET_FILE_MODE });
    return dir;
  }

  /**
   * Where the agent should connect for `host:portNumber` as seen from `target`; undefined when
   * nothing listens there (the agent's dial is then refused like a closed port).
   */
  async dial(target: TargetInfo, host: string, portNumber: number, remoteHosts: readonly RemoteHostInfo[]): Promise<DialAddress | undefined> {
    const h = host.toLowerCase();
    if (SELF_HOSTS.has(h) || target.aliases.some((a) => a.toLowerCase() === h)) {
      const declared = target.ports.find((p) => p.port === portNumber);
      return declared ? this.server(`${target.scope}/${target.key}:${portNumber}`, declared.kind, target.label, portNumber) : undefined;
    }
    const remote = remoteHosts.find((r) => r.host.toLowerCase() === h && r.port === portNumber);
    return remote ? this.server(`remote:${remote.host}:${portNumber}`, remote.kind, remote.host, portNumber) : undefined;
  }

  private async server(key: string, kind: PortServerKind, label: string, port: number): Promise<DialAddress> {
    if (this.closed) throw new Error('target hub is closed');
    let running = this.servers.get(key);
    if (!running) {
      running = startPortServer(kind, label, port);
      this.servers.set(key, running);
      running.catch(() => this.servers.delete(key));
    }
    const s = await running;
    return { host: s.host, port: s.port };
  }

  /** How many port servers are running (tests check that servers start lazily and stop). */
  get runningServers(): number {
    return this.servers.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
    if (this.ownsRoot) rmSync(this.root, { recursive: true, force: true });
  }
}
