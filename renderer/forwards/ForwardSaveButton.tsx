// A forward row's Save button (ForwardRow), which turns into Saved once the forward is saved; Saved
// pressed again forgets it (the row is the saved forward: the Saved list below leaves it out).
import type { AppModel } from '../root/app-model.js';
import { forgotAnnouncement, savedAnnouncement, type ForwardRowButtons } from './forward-row-names.js';

/**
 * Save, or Saved once the forward is saved (its saved entry follows its settings): a toggle,
 * pressed while saved, that forgets it when pressed again. One button for both keeps the keyboard
 * where it is, and both words take the room of the wider one, so nothing in the row moves. The
 * panel's live region says what happened (ForwardsPanel).
 */
export function SaveButton({ model, savedId, stale, id, name, labels }: { model: AppModel; savedId: string | undefined; stale: boolean; id: string; name: string; labels: ForwardRowButtons }) {
  const saved = savedId !== undefined;
  const words = saved ? labels.saved : labels.save;
  const toggle = async (): Promise<void> => {
    if (savedId !== undefined) {
      if (await model.forwards.forget(savedId)) model.forwards.announce(forgotAnnouncement(name));
    } else if (await model.forwards.act(id, 'save')) model.forwards.announce(savedAnnouncement(name));
  };
  return (
    <button
      disabled={stale}
      aria-pressed={saved}
      className="button button-quiet forward-save"
      data-saved={saved || undefined}
      aria-label={words.label}
      title={words.title}
      onClick={() => void toggle()}
    >
      <span className="forward-save-words">
        <span className={saved ? 'forward-save-off' : undefined}>Save</span>
        <span className={saved ? undefined : 'forward-save-off'}>Saved</span>
      </span>
    </button>
  );
}
