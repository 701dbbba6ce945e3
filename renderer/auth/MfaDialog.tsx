// Asks for the code from the person's MFA device when a profile needs one.
import { useState } from 'react';
import { MfaCodeSchema } from '../../shared/contract/index.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { Dialog } from '../ui/Dialog.js';
import { FormEnd } from '../ui/FormEnd.js';

export function MfaDialog() {
  const model = useModel();
  const { prompts, error } = useStore(model.mfa);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const prompt = prompts[0];
  if (prompt === undefined) return null;

  const submit = async (): Promise<void> => {
    const parsed = MfaCodeSchema.safeParse(code.trim());
    if (!parsed.success) return setProblem('Enter the 6-digit code your MFA device shows.');
    setProblem(null);
    if (await model.mfa.answer(prompt.promptId, parsed.data)) setCode('');
  };

  return (
    <Dialog
      key={prompt.promptId}
      title={`MFA code for ${prompt.profile}`}
      closeLabel="Cancel MFA code"
      onClose={() => void model.mfa.cancel(prompt.promptId)}
      onSubmit={() => void submit()}
      modalBackdrop
    >
      <p className="modal-text">
        {prompt.roleArn ? `Assuming ${prompt.roleArn} needs` : 'This profile needs'} a one-time code from <code>{prompt.mfaSerial}</code>.
      </p>
      <label className="field">
        <span>Code</span>
        <input aria-label="MFA code" inputMode="numeric" autoComplete="one-time-code" autoFocus value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <FormEnd error={problem ?? error} onCancel={() => void model.mfa.cancel(prompt.promptId)} submit="Continue" />
    </Dialog>
  );
}
