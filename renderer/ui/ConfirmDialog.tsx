// The one modal: a question from the DialogStore with a confirm and a cancel button. The safe
// answer has the keyboard when the confirm button is destructive; focus returns where it was.
import { useEffect, useRef } from 'react';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import type { ConfirmRequest } from './dialog-store.js';
import { useReturnFocus } from './return-focus.js';

function ConfirmBox({ request, answer }: { request: ConfirmRequest; answer: (ok: boolean) => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useReturnFocus();

  useEffect(() => {
    (request.danger ? cancel : confirm).current?.focus();
  }, [request]);

  return (
    <div className="modal-backdrop" data-overlay="" onMouseDown={(e) => e.target === e.currentTarget && answer(false)}>
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        onKeyDown={(e) => {
          if (e.key === 'Escape') answer(false);
          e.stopPropagation();
        }}
      >
        <h2 id="confirm-title" className="modal-title">
          {request.title}
        </h2>
        <p id="confirm-message" className="modal-text">
          {request.message}
        </p>
        <div className="modal-actions">
          <button ref={cancel} className="button button-quiet" onClick={() => answer(false)}>
            Cancel
          </button>
          <button ref={confirm} className={`button ${request.danger ? 'button-danger' : 'button-primary'}`} onClick={() => answer(true)}>
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

export function ConfirmDialog() {
  const model = useModel();
  const { current } = useStore(model.dialogs);
  if (current === null) return null;
  return <ConfirmBox key={current.id} request={current} answer={(ok) => model.dialogs.answer(ok)} />;
}
