import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandInfo } from './commands.js';
import { commandRefusal, commandUnavailable, type CommandState } from './command-refusal.js';

const command = (id: string): CommandInfo => {
  const found = COMMANDS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no command ${id}`);
  return found;
};
const none: CommandState = { tabCount: 0, activeHasTerminal: false };
const tabs = (tabCount: number, activeHasTerminal = true): CommandState => ({ tabCount, activeHasTerminal });

describe('commandUnavailable', () => {
  it('with no tab, every command acting on a tab or its terminal is unavailable, the rest are not', () => {
    const unavailable = COMMANDS.filter((c) => commandUnavailable(c, none) !== null).map((c) => c.id);
    expect(unavailable).toEqual(['newTab', 'closeTab', 'nextTab', 'prevTab', 'tab1', 'tab2', 'tab3', 'tab4', 'tab5', 'tab6', 'tab7', 'tab8', 'tab9', 'focusTerminal', 'find', 'copy', 'paste']);
    expect(commandUnavailable(command('closeTab'), none)).toBe('No tab is open');
  });

  it('tab numbers past the last tab, and next/previous with one tab', () => {
    expect(commandUnavailable(command('tab2'), tabs(2))).toBeNull();
    expect(commandUnavailable(command('tab3'), tabs(2))).toBe('Only 2 tabs are open');
    expect(commandUnavailable(command('tab2'), tabs(1))).toBe('Only 1 tab is open');
    expect(commandUnavailable(command('nextTab'), tabs(1))).toBe('This is the only tab');
    expect(commandUnavailable(command('prevTab'), tabs(2))).toBeNull();
  });

  it('a tab whose session never started has no terminal to find in or focus, but can be closed', () => {
    expect(commandUnavailable(command('find'), tabs(1, false))).toBe("This tab's session did not start: it has no terminal");
    expect(commandUnavailable(command('focusTerminal'), tabs(1, false))).not.toBeNull();
    expect(commandUnavailable(command('closeTab'), tabs(1, false))).toBeNull();
    expect(commandUnavailable(command('newTab'), tabs(1, false))).toBeNull();
  });
});

describe('commandRefusal', () => {
  it('a tab command with no tab says to open a shell, and how', () => {
    expect(commandRefusal(command('closeTab'), none, 'Ctrl+P')).toBe('Close tab: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or Ctrl+P.');
    expect(commandRefusal(command('tab3'), none, 'Ctrl+P')).toMatch(/^Go to tab 3: no tab is open\./);
    expect(commandRefusal(command('find'), none, 'Ctrl+P')).toMatch(/^Find in terminal: no tab is open\./);
  });

  it('a tab number past the last tab says how many there are', () => {
    expect(commandRefusal(command('tab5'), tabs(2), 'Ctrl+P')).toBe('Go to tab 5: only 2 tabs are open.');
    expect(commandRefusal(command('tab2'), tabs(1), 'Ctrl+P')).toBe('Go to tab 2: only 1 tab is open.');
  });

  it('anything else keeps the general sentence', () => {
    expect(commandRefusal(command('toggleTree'), tabs(3), 'Ctrl+P')).toBe('Show or hide the targets tree: nothing to do here now.');
  });
});
