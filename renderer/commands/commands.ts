// Every app action that has a name: its title and group (the shortcuts help and the command
// palette both list this table, so a command added here shows in both), and what runs it. Keys
// live in keymap.ts; components and the model register what a command does. A command that cannot run now (no tab to close) says so by
// returning false, and its key then goes on to the terminal or the browser.
import { NODE_ACTIONS, type NodeActionId } from '../tree/node-action-defs.js';
import { TAB_NUMBERS, type CommandId, type NodeCommandId } from './keymap.js';

export type CommandGroup = 'Go to' | 'Sessions' | 'Targets' | 'Tree' | 'Focus' | 'Terminal' | 'App' | 'Help';

export interface CommandInfo {
  readonly id: CommandId;
  readonly title: string;
  readonly group: CommandGroup;
  /** Handled inside the focused terminal (copy, paste), not by the app-wide listener. */
  readonly inTerminal?: boolean;
  /** The tree node action it runs on the tree's selected node (its title then names that node). */
  readonly node?: NodeActionId;
}

/** The tree's actions the palette offers on the selected node (Diagnose, Upload… and Download… are the target commands above). */
export const NODE_COMMANDS: Readonly<Record<NodeCommandId, NodeActionId>> = {
  nodeOpenShell: 'openShell',
  nodeForward: 'forward',
  nodeSignIn: 'signIn',
  nodeAddRegion: 'addRegion',
  nodeRemoveRegion: 'removeRegion',
  nodeCopyId: 'copyId',
  nodeRefresh: 'refresh',
};

const nodeCommands = (): CommandInfo[] =>
  (Object.entries(NODE_COMMANDS) as Array<[NodeCommandId, NodeActionId]>).map(([id, node]) => ({ id, node, title: NODE_ACTIONS.find((a) => a.id === node)?.generic ?? id, group: 'Tree' }));

export const COMMANDS: readonly CommandInfo[] = [
  { id: 'quickOpen', title: 'Go to a target (quick open)', group: 'Go to' },
  { id: 'commandPalette', title: 'Show all commands', group: 'Go to' },
  { id: 'newTab', title: 'New tab to the same target', group: 'Sessions' },
  { id: 'closeTab', title: 'Close tab', group: 'Sessions' },
  { id: 'nextTab', title: 'Next tab', group: 'Sessions' },
  { id: 'prevTab', title: 'Previous tab', group: 'Sessions' },
  { id: 'renameTab', title: 'Rename tab…', group: 'Sessions' },
  { id: 'splitTabs', title: 'Split: show the next tab beside this one', group: 'Sessions' },
  { id: 'unsplitTabs', title: 'Show one terminal (end the split)', group: 'Sessions' },
  { id: 'restartSession', title: "Reopen or restart this tab's session", group: 'Sessions' },
  { id: 'startRecording', title: 'Record this session to a .cast file', group: 'Sessions' },
  { id: 'stopRecording', title: 'Stop recording this session', group: 'Sessions' },
  ...TAB_NUMBERS.map((n): CommandInfo => ({ id: `tab${n}`, title: `Go to tab ${n}`, group: 'Sessions' })),
  { id: 'newForward', title: 'New port forward…', group: 'Targets' },
  { id: 'upload', title: 'Upload file…', group: 'Targets' },
  { id: 'download', title: 'Download file…', group: 'Targets' },
  { id: 'diagnose', title: 'Diagnose', group: 'Targets' },
  { id: 'refreshTree', title: 'Refresh every target', group: 'Targets' },
  ...nodeCommands(),
  { id: 'focusTerminal', title: 'Focus the terminal', group: 'Focus' },
  { id: 'focusTree', title: 'Focus the targets tree', group: 'Focus' },
  { id: 'focusPanel', title: 'Focus the bottom panel (opens it)', group: 'Focus' },
  { id: 'toggleTree', title: 'Show or hide the targets tree', group: 'Focus' },
  { id: 'togglePanel', title: 'Show or hide the bottom panel', group: 'Focus' },
  { id: 'showForwards', title: 'Show port forwards (bottom panel)', group: 'Focus' },
  { id: 'showTransfers', title: 'Show transfers (bottom panel)', group: 'Focus' },
  { id: 'showDiagnostics', title: 'Show diagnostics (bottom panel)', group: 'Focus' },
  { id: 'showInspector', title: 'Show the inspector (bottom panel)', group: 'Focus' },
  { id: 'find', title: 'Find in terminal', group: 'Terminal' },
  { id: 'selectAll', title: 'Select all in the terminal', group: 'Terminal' },
  { id: 'clearTerminal', title: 'Clear the terminal (here only; the shell is not told)', group: 'Terminal' },
  { id: 'copy', title: 'Copy selection', group: 'Terminal', inTerminal: true },
  { id: 'paste', title: 'Paste', group: 'Terminal', inTerminal: true },
  { id: 'showShortcuts', title: 'Keyboard shortcuts', group: 'Help' },
  { id: 'openSettings', title: 'Settings', group: 'App' },
  { id: 'themeSystem', title: 'Theme: System', group: 'App' },
  { id: 'themeDark', title: 'Theme: Dark', group: 'App' },
  { id: 'themeLight', title: 'Theme: Light', group: 'App' },
];

/** Runs a command; false when it does not apply now. */
export type CommandRun = () => boolean;

export class CommandRegistry {
  readonly #runs = new Map<CommandId, CommandRun>();

  /** Sets what a command does; returns the undo (for components that register while mounted). */
  register(id: CommandId, run: CommandRun): () => void {
    this.#runs.set(id, run);
    return () => {
      if (this.#runs.get(id) === run) this.#runs.delete(id);
    };
  }

  run(id: CommandId): boolean {
    return this.#runs.get(id)?.() ?? false;
  }

  has(id: CommandId): boolean {
    return this.#runs.has(id);
  }
}
