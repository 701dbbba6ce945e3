// The terminal's right-click menu: copy, paste (through the paste guard, like Ctrl+Shift+V),
// select all, clear and find. A clipboard the browser or OS refuses is said in a toast.
import type { AppModel } from '../root/app-model.js';
import type { TerminalController } from '../terminal/terminal-controller.js';
import type { MenuItem } from '../tree/node-actions.js';

export function terminalMenu(model: AppModel, c: TerminalController): MenuItem[] {
  const keys = model.keymap;
  return [
    {
      label: 'Copy',
      keys: keys.label('copy'),
      disabled: !c.hasSelection,
      run: () => void c.copySelection().then((ok) => ok || model.toasts.show('Porthole could not write to the clipboard.', 'error')),
    },
    {
      label: 'Paste',
      keys: keys.label('paste'),
      run: () => void c.pasteClipboard().then((ok) => ok || model.toasts.show(`Porthole could not read the clipboard: allow clipboard access for this page, or paste with ${keys.label('paste')}.`, 'error')),
    },
    { label: 'Select all', run: () => c.selectAll() },
    { label: 'Clear', hint: 'Clears the screen and scrollback here; the shell is not told', run: () => c.clear() },
    { label: 'Find…', keys: keys.label('find'), run: () => void model.commands.run('find') },
  ];
}
