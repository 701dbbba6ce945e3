// The end of every Dialog form: its problem in words when it has one, then Cancel and the submit
// button (Enter in a field submits: the Dialog is the form).
import type { ReactNode } from 'react';
import { KeepCodesWhole } from './KeepCodesWhole.js';

export interface FormEndProps {
  /** The form's problem, said above the buttons (role alert; region codes in it never break at a hyphen); null or empty when there is none. */
  readonly error: string | null;
  readonly onCancel: () => void;
  /** The submit button's words. */
  readonly submit: ReactNode;
  /**
   * While the form is at work: the submit button refuses clicks and Enter, so a second Enter does
   * nothing. It says so with aria-disabled rather than `disabled`: a disabled button drops the
   * keyboard to the page body, where Esc no longer reaches the dialog (a forward whose local port
   * was in use left its form open with nothing focused).
   */
  readonly busy?: boolean;
}

export function FormEnd({ error, onCancel, submit, busy = false }: FormEndProps) {
  return (
    <>
      {error ? (
        <p className="notice notice-error" role="alert">
          <KeepCodesWhole text={error} />
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          aria-disabled={busy || undefined}
          // Cancelling the click (also the one Enter in a field makes) cancels the submit.
          onClick={(e) => busy && e.preventDefault()}
        >
          {submit}
        </button>
      </div>
    </>
  );
}
