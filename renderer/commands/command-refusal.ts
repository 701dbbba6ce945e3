// Why a command picked in the palette did nothing, in words that say what to do instead of
// "nothing to do here now": most need a tab, and "Go to tab 7" needs seven.
import type { CommandInfo } from './commands.js';

/** Commands that act on a tab or its terminal. */
const NEEDS_A_TAB: ReadonlySet<string> = new Set(['newTab', 'closeTab', 'nextTab', 'prevTab', 'find', 'focusTerminal', 'copy', 'paste']);

/** `quickOpenKey`: the quick-open key of this platform and host (Ctrl+P, ⌘P). */
export function commandRefusal(command: CommandInfo, tabCount: number, quickOpenKey: string): string {
  const tabNumber = /^tab(\d)$/.exec(command.id)?.[1];
  if (tabCount === 0 && (NEEDS_A_TAB.has(command.id) || tabNumber !== undefined)) {
    return `${command.title}: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or ${quickOpenKey}.`;
  }
  if (tabNumber !== undefined && Number(tabNumber) > tabCount) {
    return `${command.title}: there ${tabCount === 1 ? 'is only 1 tab' : `are only ${tabCount} tabs`}.`;
  }
  if (command.id === 'nextTab' || command.id === 'prevTab') return `${command.title}: this is the only tab.`;
  return `${command.title}: nothing to do here now.`;
}
