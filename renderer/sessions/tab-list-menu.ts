// The list of all tabs (the button at the end of an overflowing tab strip): each tab's title,
// the active one checked, and for the first nine their "Go to tab N" key, as the palette and the
// shortcuts list show it, so the list teaches the key that skips it next time.
import { TAB_NUMBERS, type CommandId } from '../commands/keymap.js';
import type { MenuItem } from '../tree/node-actions.js';
import type { Tab } from './session-types.js';
import { statusLine } from './tab-status.js';

export function tabListMenu(tabs: readonly Tab[], activeKey: string | null, keyLabel: (id: CommandId) => string, show: (key: string) => void): MenuItem[] {
  return tabs.map((t, i) => {
    const n = TAB_NUMBERS[i];
    const keys = n === undefined ? '' : keyLabel(`tab${n}`);
    return {
      label: t.title,
      hint: [t.title, statusLine(t)].join('\n'),
      checked: t.key === activeKey,
      ...(keys === '' ? {} : { keys }),
      run: () => show(t.key),
    };
  });
}
