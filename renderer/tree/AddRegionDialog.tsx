// "Add region…" on a profile: a region code (suggested from the known list, any valid code taken),
// checked before it is saved; the region then shows under the profile. A code Porthole does not
// know (a typo like eu-wset-1 would add a region whose every lookup fails) is asked about first,
// with the known region it is closest to.
import { useId, useState } from 'react';
import { KNOWN_AWS_REGIONS } from '../../shared/aws-regions.js';
import { useModel } from '../root/model-context.js';
import { Dialog } from '../ui/Dialog.js';
import { FormEnd } from '../ui/FormEnd.js';
import { addRegion, parseRegion, unknownRegion, unknownRegionText } from './region-choice.js';

export function AddRegionDialog({ profile, shown, onClose }: { profile: string; shown: readonly string[]; onClose: () => void }) {
  const model = useModel();
  const listId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The unknown code already asked about: pressing Add region again with it adds it. */
  const [askedAbout, setAskedAbout] = useState<string | null>(null);
  const offered = KNOWN_AWS_REGIONS.filter((r) => !shown.includes(r));

  const submit = async (): Promise<void> => {
    const parsed = parseRegion(text);
    if ('error' in parsed) return setError(parsed.error);
    if (shown.includes(parsed.region)) return setError(`${parsed.region} is already shown under ${profile}.`);
    const unknown = unknownRegion(parsed.region);
    if (unknown !== null && askedAbout !== parsed.region) {
      setAskedAbout(parsed.region);
      return setError(unknownRegionText(parsed.region, unknown.suggestion));
    }
    await addRegion(model, profile, parsed.region);
    const failed = model.settings.state.error;
    if (failed === null) onClose();
    else setError(`${parsed.region} could not be saved: ${failed}`);
  };

  return (
    <Dialog title={`Add a region to ${profile}`} closeLabel="Close add region" onClose={onClose} onSubmit={() => void submit()} testId="add-region">
      <label className="field">
        <span>Region code</span>
        <input
          aria-label="Region code"
          list={listId}
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder="eu-west-1"
          aria-invalid={error !== null}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          autoFocus
        />
        <datalist id={listId}>
          {offered.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </label>
      <p className="muted">Its clusters and instances show under the profile, with the same credentials. Remove it from the region’s menu.</p>
      <FormEnd error={error} onCancel={onClose} submit="Add region" />
    </Dialog>
  );
}
