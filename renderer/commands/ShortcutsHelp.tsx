// The keyboard shortcuts, grouped, as this host binds them (the web host avoids keys the browser
// keeps for itself). Opened from the status bar or with its own shortcut; Esc closes it.
import { useModel } from '../root/model-context.js';
import { Dialog } from '../ui/Dialog.js';
import { COMMANDS, type CommandGroup } from './commands.js';
import { IS_MAC } from './keymap.js';

// Only commands with a key are listed here; those without one (Upload file…, Settings) are in the palette.
const GROUPS: readonly CommandGroup[] = ['Go to', 'Sessions', 'Focus', 'Terminal', 'Help'];

/** Keys that belong to one place rather than to a command. */
const LOCAL_KEYS: ReadonlyArray<{ readonly keys: string; readonly title: string }> = [
  { keys: 'Enter', title: 'Tree: open a shell on the selected container or instance (or double-click)' },
  { keys: IS_MAC ? '⌘Enter' : 'Ctrl+Enter', title: 'Quick open: a port forward to the chosen target (Enter: a shell)' },
  { keys: '>', title: 'Quick open: type > first to list commands instead of targets' },
  { keys: '→ / ←', title: 'Tree: expand / collapse' },
  { keys: 'Shift+F10', title: 'Tree and tabs: the actions menu' },
  { keys: IS_MAC ? '⌃⇧← / →' : 'Ctrl+Shift+← / →', title: 'Tabs: move the focused tab left / right' },
  { keys: '← → ↑ ↓', title: 'Separators: resize (Shift: bigger steps; Enter collapses, double-click resets)' },
  { keys: 'Alt+C / W / R', title: 'Find bar: match case, whole word, regular expression' },
  { keys: 'Esc', title: 'Close a dialog, menu or the find bar' },
];

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const model = useModel();
  const web = model.keymap.host === 'web';
  return (
    <Dialog title="Keyboard shortcuts" closeLabel="Close shortcuts" onClose={onClose} className="shortcuts-help">
      {web && <p className="modal-text">In the browser, keys the browser keeps for itself (Ctrl+T, Ctrl+W, Ctrl+Tab) are bound to others here.</p>}
      <div className="shortcut-groups">
        {GROUPS.map((g) => (
          <section key={g} className="shortcut-group" aria-label={g}>
            <h3 className="shortcut-group-title">{g}</h3>
            <dl className="shortcut-list">
              {COMMANDS.filter((c) => c.group === g && !/^tab[2-9]$/.test(c.id) && model.keymap.labels(c.id).length > 0).map((c) => (
                <div key={c.id} className="shortcut" data-command={c.id}>
                  <dt>{c.id === 'tab1' ? 'Go to tab 1–9' : c.title}</dt>
                  <dd>
                    {c.id === 'tab1' ? <kbd>{`${model.keymap.label('tab1')}…9`}</kbd> : model.keymap.labels(c.id).map((k) => <kbd key={k}>{k}</kbd>)}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section className="shortcut-group" aria-label="In place">
          <h3 className="shortcut-group-title">In place</h3>
          <dl className="shortcut-list">
            {LOCAL_KEYS.map((k) => (
              <div key={k.keys} className="shortcut">
                <dt>{k.title}</dt>
                <dd>
                  <kbd>{k.keys}</kbd>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
