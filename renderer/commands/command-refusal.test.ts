import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandInfo } from './commands.js';
import { commandRefusal } from './command-refusal.js';

const command = (id: string): CommandInfo => {
  const found = COMMANDS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no command ${id}`);
  return found;
};

describe('commandRefusal', () => {
  it('a tab command with no tab says to open a shell, and how', () => {
    expect(commandRefusal(command('closeTab'), 0, 'Ctrl+P')).toBe('Close tab: no tab is open. Open a shell first: Enter or a double-click on a container or instance in the tree, or Ctrl+P.');
    expect(commandRefusal(command('tab3'), 0, 'Ctrl+P')).toMatch(/^Go to tab 3: no tab is open\./);
    expect(commandRefusal(command('find'), 0, 'Ctrl+P')).toMatch(/^Find in terminal: no tab is open\./);
  });

  it('a tab number past the last tab says how many there are', () => {
    expect(commandRefusal(command('tab5'), 2, 'Ctrl+P')).toBe('Go to tab 5: there are only 2 tabs.');
    expect(commandRefusal(command('tab2'), 1, 'Ctrl+P')).toBe('Go to tab 2: there is only 1 tab.');
  });

  it('anything else keeps the general sentence', () => {
    expect(commandRefusal(command('toggleTree'), 3, 'Ctrl+P')).toBe('Show or hide the targets tree: nothing to do here now.');
  });
});
