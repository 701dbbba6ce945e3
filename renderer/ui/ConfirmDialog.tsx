// The one question: a request from the DialogStore with a confirm and a cancel button, on the
// shared Dialog (Esc, ×, a click beside it all cancel; Tab stays inside; focus returns where it
// was). The safe answer has the keyboard when the confirm button is destructive.
import { useRef } from 'react';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import type { ConfirmRequest } from './dialog-store.js';
import { Dialog } from './Dialog.js';

function ConfirmBox({ request, answer }: { request: ConfirmRequest; answer: (ok: boolean) => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={request.title} description={request.message} alert onClose={() => answer(false)} initialFocus={request.danger ? cancel : confirm} testId="confirm-dialog">
      <div className="modal-actions">
        <button ref={cancel} type="button" className="button button-quiet" onClick={() => answer(false)}>
          Cancel
        </button>
        <button ref={confirm} type="button" className={`button ${request.danger ? 'button-danger' : 'button-primary'}`} onClick={() => answer(true)}>
          {request.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

export function ConfirmDialog() {
  const model = useModel();
  const { current } = useStore(model.dialogs);
  if (current === null) return null;
  return <ConfirmBox key={current.id} request={current} answer={(ok) => model.dialogs.answer(ok)} />;
}
