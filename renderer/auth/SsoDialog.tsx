// "Sign in with SSO": the user code to check on AWS's page, the page (opened once by itself, and
// again on request), and Cancel, on the shared Dialog (Esc and × cancel too; a click beside it
// does not, the sign-in is waiting). Closes by itself when the sign-in completes.
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { Dialog } from '../ui/Dialog.js';

export function SsoDialog() {
  const model = useModel();
  const { profile, prompt, error } = useStore(model.sso);
  if (profile === null) return null;
  const cancel = (): void => void model.sso.cancel();
  return (
    <Dialog key={profile} title={`Sign in with SSO: ${profile}`} onClose={cancel} className="modal-form" modalBackdrop testId="sso-dialog">
      {prompt === null && error === null && (
        <p className="modal-text" role="status">
          <span className="spinner" aria-hidden="true" /> Asking IAM Identity Center for a sign-in code…
        </p>
      )}
      {prompt !== null && (
        <>
          <p className="modal-text">Confirm this code on the sign-in page, then allow access. Porthole continues by itself.</p>
          <p className="sso-code" data-testid="sso-user-code">
            {prompt.userCode}
          </p>
          <p className="modal-text muted" role="status">
            <span className="spinner" aria-hidden="true" /> Waiting for you to allow it…
          </p>
        </>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" className="button button-quiet" onClick={cancel} autoFocus>
          {error === null ? 'Cancel' : 'Close'}
        </button>
        {prompt !== null && (
          <button type="button" className="button button-primary" onClick={() => model.openLink(prompt.verificationUriComplete)}>
            Open the sign-in page
          </button>
        )}
      </div>
    </Dialog>
  );
}
