// Whether a command can run in the current state, and why not, in words that say what to do
// instead of "nothing to do here now": most need a tab, "Go to tab 7" needs seven, and the
// terminal commands need a tab whose shell has a terminal. The palette shows a command that cannot
// run as disabled with this reason before it is picked; the same reason refuses it if it is run anyway.
import type { CommandInfo } from './commands.js';

/** Commands that act on a tab or its terminal. */
const NEEDS_A_TAB: ReadonlySet<string> = new Set(['newTab', 'closeTab', 'nextTab', 'prevTab', 'find', 'focusTerminal', 'copy', 'paste']);
/** Commands that act on the active tab's terminal (a tab whose session never started has none). */
const NEEDS_A_TERMINAL: ReadonlySet<string> = new Set(['find', 'focusTerminal', 'copy', 'paste']);

/** What decides whether a command can run now. */
export interface CommandState {
  readonly tabCount: number;
  /** The active tab has a terminal (its session started at least once). */
  readonly activeHasTerminal: boolean;
}

/** Why the command cannot run now (one short sentence, no final stop), or null when it can. */
export function commandUnavailable(command: CommandInfo, state: CommandState): string | null {
  const tabNumber = /^tab(\d)$/.exec(command.id)?.[1];
  if (state.tabCount === 0 && (NEEDS_A_TAB.has(command.id) || tabNumber !== undefined)) return 'No tab is open';
  if (tabNumber !== undefined && Number(tabNumber) > state.tabCount) return state.tabCount === 1 ? 'Only 1 tab is open' : `Only ${state.tabCount} tabs are open`;
  if ((command.id === 'nextTab' || command.id === 'prevTab') && state.tabCount === 1) return 'This is the only tab';
  if (NEEDS_A_TERMINAL.has(command.id) && !state.activeHasTerminal) return "This tab's session did not start: it has no terminal";
  return null;
}

/** The message for a command run when it could not (`quickOpenKey`: Ctrl+P or ⌘P on this platform and host). */
export function commandRefusal(command: CommandInfo, state: CommandState, quickOpenKey: string): string {
  const reason = commandUnavailable(command, state);
  if (reason === 'No tab is open') {
    return `${command.title}: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or ${quickOpenKey}.`;
  }
  return `${command.title}: ${reason === null ? 'nothing to do here now' : reason.charAt(0).toLowerCase() + reason.slice(1)}.`;
}
