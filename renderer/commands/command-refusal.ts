// Whether a command can run in the current state, and why not, in words that say what to do
// instead of "nothing to do here now": most need a tab, "Go to tab 7" needs seven, the terminal
// commands need a tab whose shell has a terminal, and the target commands (Upload file…, Diagnose)
// need a target: the active tab's or the tree's selected container or instance, whichever part of
// the window last had the keyboard (command-target.ts). The palette
// shows a command that cannot run as disabled with this reason before it is picked; the same
// reason refuses it if it is run anyway.
import type { InventoryNode } from '../../shared/contract/index.js';
import { nodeAction, nodeActionUnavailable, type NodeActionId } from '../tree/node-action-defs.js';
import type { CommandId } from './keymap.js';
import type { CommandInfo } from './commands.js';

/** Commands that act on a tab or its terminal. */
const NEEDS_A_TAB: ReadonlySet<string> = new Set([
  'newTab',
  'closeTab',
  'nextTab',
  'prevTab',
  'find',
  'focusTerminal',
  'copy',
  'paste',
  'renameTab',
  'splitTabs',
  'restartSession',
  'startRecording',
  'stopRecording',
  'selectAll',
  'clearTerminal',
]);
/** Commands that act on the active tab's terminal (a tab whose session never started has none). */
const NEEDS_A_TERMINAL: ReadonlySet<string> = new Set(['find', 'focusTerminal', 'copy', 'paste', 'selectAll', 'clearTerminal']);
/** Commands that act on a target (CommandState.target); New port forward… without one opens the form with none chosen. */
export const TARGET_COMMANDS: ReadonlySet<CommandId> = new Set<CommandId>(['newForward', 'upload', 'download', 'diagnose']);
/** The tree node action each target command runs on a node: its rules say whether it can (a container with no runtime id yet takes no session). */
const TARGET_NODE_ACTIONS: Readonly<Record<string, NodeActionId>> = { newForward: 'forward', upload: 'upload', download: 'download', diagnose: 'diagnose' };

/** Commands that ask the host (a session, a transfer, a diagnosis, the inventory): the tab menu offers them off once the link is lost. */
const NEEDS_THE_HOST: ReadonlySet<string> = new Set(['newTab', 'restartSession', 'upload', 'download', 'diagnose', 'newForward', 'refreshTree']);

export const NO_TARGET = 'Select a container or instance in the tree, or open a tab, first';
/** With a tab open but the tree last in use, and no container or instance selected there. */
export const NO_TREE_TARGET = 'Select a container or instance in the tree, or go back to the terminal, first';

/** What decides whether a command can run now. */
export interface CommandState {
  readonly tabCount: number;
  /** The active tab has a terminal (its session started at least once). */
  readonly activeHasTerminal: boolean;
  /** The active tab's session has ended (Reopen / Restart session apply). */
  readonly activeClosed: boolean;
  /** The active tab's session is being recorded. */
  readonly activeRecording: boolean;
  /** Two tabs are shown side by side. */
  readonly split: boolean;
  /**
   * What the target commands act on (command-target.ts): the active tab's target (node null) when
   * the terminals last had the keyboard, the tree's selected container or instance when the tree did.
   */
  readonly target: { readonly title: string; readonly node: InventoryNode | null } | null;
  /** The tree's selected node, which the Tree commands act on. */
  readonly selected: InventoryNode | null;
  /** Settings have been read from main (the Settings popover needs them). */
  readonly settingsLoaded: boolean;
  /** Why the link to the host is lost (the session store's words), or null while it holds. */
  readonly linkLost: string | null;
}

function targetUnavailable(id: string, state: CommandState): string | null {
  if (!TARGET_COMMANDS.has(id as CommandId)) return null;
  // New port forward… without a target opens the form with none chosen.
  // (No target with a tab open: the tree was last in use, with something else selected there.)
  if (state.target === null) return id === 'newForward' ? null : state.tabCount > 0 ? NO_TREE_TARGET : NO_TARGET;
  const action = TARGET_NODE_ACTIONS[id];
  return state.target.node === null || action === undefined ? null : nodeAction(action).unavailable(state.target.node, { linkLost: state.linkLost });
}

function sessionUnavailable(id: string, state: CommandState): string | null {
  if (id === 'restartSession' && !state.activeClosed) return "This tab's session is still open";
  if (id === 'startRecording') {
    if (state.activeRecording) return 'This session is already being recorded';
    if (state.activeClosed || !state.activeHasTerminal) return "This tab's session is not running";
  }
  if (id === 'stopRecording' && !state.activeRecording) return 'This session is not being recorded';
  return null;
}

/** Why the command cannot run now (one short sentence, no final stop), or null when it can. */
export function commandUnavailable(command: CommandInfo, state: CommandState): string | null {
  if (command.node !== undefined) return nodeActionUnavailable(nodeAction(command.node), state.selected, { linkLost: state.linkLost });
  const tabNumber = /^tab(\d)$/.exec(command.id)?.[1];
  if (state.tabCount === 0 && (NEEDS_A_TAB.has(command.id) || tabNumber !== undefined)) return 'No tab is open';
  if (tabNumber !== undefined && Number(tabNumber) > state.tabCount) return state.tabCount === 1 ? 'Only 1 tab is open' : `Only ${state.tabCount} tabs are open`;
  if ((command.id === 'nextTab' || command.id === 'prevTab' || command.id === 'splitTabs') && state.tabCount === 1) return 'This is the only tab';
  if (state.linkLost !== null && NEEDS_THE_HOST.has(command.id)) return state.linkLost;
  if (command.id === 'unsplitTabs' && !state.split) return 'Only one terminal is shown';
  if (NEEDS_A_TERMINAL.has(command.id) && !state.activeHasTerminal) return "This tab's session did not start: it has no terminal";
  // The status bar's Settings and Theme are disabled until then too.
  if ((command.id === 'openSettings' || command.id.startsWith('theme')) && !state.settingsLoaded) return 'Settings are still loading';
  return sessionUnavailable(command.id, state) ?? targetUnavailable(command.id, state);
}

/** A command's name in the palette: a Tree command names the selected node it acts on ("Copy ARN of task 1a2b3c4d"). */
export function commandTitle(command: CommandInfo, state: CommandState): string {
  if (command.node === undefined || state.selected === null) return command.title;
  const action = nodeAction(command.node);
  return action.offers(state.selected) ? action.title(state.selected) : command.title;
}

/** Where a target command's target comes from, for the palette to say beside it: the active tab, or the tree's selection. */
export function targetSource(command: CommandInfo, state: CommandState): 'tab' | 'tree' | null {
  if (!TARGET_COMMANDS.has(command.id) || state.target === null) return null;
  return state.target.node === null ? 'tab' : 'tree';
}

/** The message for a command run when it could not (`quickOpenKey`: Ctrl+P or ⌘P on this platform and host). */
export function commandRefusal(command: CommandInfo, state: CommandState, quickOpenKey: string): string {
  const reason = commandUnavailable(command, state);
  if (reason === 'No tab is open') {
    return `${command.title}: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or ${quickOpenKey}.`;
  }
  return `${commandTitle(command, state)}: ${reason === null ? 'nothing to do here now' : reason.charAt(0).toLowerCase() + reason.slice(1)}.`;
}
