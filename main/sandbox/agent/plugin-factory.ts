/** Picks the agent plugin for a session kind (§7.1) once the handshake (if any) is done. */
import type { SandboxSessionKind } from '../session-registry.js';
import type { Confinement } from '../targets/confinement.js';
import { CommandPlugin } from './command-plugin.js';
import type { AgentPlugin, PluginHost } from './plugin.js';
import { BasicPortPlugin } from './port-basic.js';
import { selectPortMode } from './port-mode.js';
import { MuxPortPlugin } from './port-mux.js';
import { ShellPlugin } from './shell-plugin.js';

export interface PluginContext {
  kind: SandboxSessionKind;
  workdir: string;
  shell: string;
  shellStartDelayMs: number;
  /** The shell pump's first-output hold (GatewayOptions.shellFirstOutputDelayMs); default the agent's 1 s. */
  shellFirstOutputDelayMs?: number;
  confinement: Confinement;
  /** The target's name (its hostname when confined). */
  targetName: string;
  /** From the HandshakeResponse; '' when there was no handshake. */
  clientVersion: string;
  /** The version this emulated agent advertises. */
  agentVersion: string;
}

export function createPlugin(host: PluginHost, c: PluginContext): AgentPlugin {
  const k = c.kind;
  switch (k.type) {
    case 'Standard_Stream':
      return new ShellPlugin(host, { shell: c.shell, workdir: c.workdir, startDelayMs: c.shellStartDelayMs, ...(c.shellFirstOutputDelayMs === undefined ? {} : { firstOutputDelayMs: c.shellFirstOutputDelayMs }), confinement: c.confinement, targetName: c.targetName });
    case 'InteractiveCommands':
      return new ShellPlugin(host, { shell: c.shell, command: k.command, workdir: c.workdir, startDelayMs: c.shellStartDelayMs, ...(c.shellFirstOutputDelayMs === undefined ? {} : { firstOutputDelayMs: c.shellFirstOutputDelayMs }), confinement: c.confinement, targetName: c.targetName });
    case 'NonInteractiveCommands':
      return new CommandPlugin(host, { command: k.command, separateOutputStream: k.separateOutputStream, workdir: c.workdir, confinement: c.confinement, targetName: c.targetName });
    case 'Port': {
      const target = { dial: k.dial, label: `${k.host}:${k.portNumber}` };
      const mode = selectPortMode(k.properties, c.clientVersion, c.agentVersion);
      return mode.mode === 'mux' ? new MuxPortPlugin(host, target, mode.keepAlive) : new BasicPortPlugin(host, target, mode.localPortForwarding);
    }
  }
}
