// A forward row's Save button (ForwardRow), which turns into Saved once the forward is saved.
import type { AppModel } from '../root/app-model.js';
import { savedAnnouncement, type ForwardRowButtons } from './forward-row-names.js';

/**
 * Save, or Saved once the forward is saved (nothing left to do: its saved entry follows its
 * settings). Saved stays focusable (aria-disabled, not disabled), so the keyboard is not dropped
 * when the click that saved it turns it into Saved; both words take the room of the wider one, so
 * nothing in the row moves. The panel's live region says it was saved (ForwardsPanel).
 */
export function SaveButton({ model, saved, stale, id, name, labels }: { model: AppModel; saved: boolean; stale: boolean; id: string; name: string; labels: ForwardRowButtons }) {
  const words = saved ? labels.saved : labels.save;
  const save = async (): Promise<void> => {
    if (await model.forwards.act(id, 'save')) model.forwards.announce(savedAnnouncement(name));
  };
  return (
    <button
      disabled={stale}
      aria-disabled={saved || undefined}
      className="button button-quiet forward-save"
      data-saved={saved || undefined}
      aria-label={words.label}
      title={words.title}
      onClick={() => {
        if (!saved) void save();
      }}
    >
      <span className="forward-save-words">
        <span className={saved ? 'forward-save-off' : undefined}>Save</span>
        <span className={saved ? undefined : 'forward-save-off'}>Saved</span>
      </span>
    </button>
  );
}
