// Under the form's Target, once Start was pressed on a target that cannot take a session: why (the
// words main refuses it with, shared/target-readiness.ts), what to do, and a way on: Diagnose runs
// the checks on that target. The form keeps what was typed; choosing a ready target clears it.
import type { SessionRefusal } from '../../shared/target-readiness.js';
import { forwardRefusedText } from '../../shared/target-readiness.js';

export interface TargetRefusalProps {
  readonly targetName: string;
  readonly refusal: SessionRefusal;
  readonly onDiagnose: () => void;
}

export function TargetRefusal({ targetName, refusal, onDiagnose }: TargetRefusalProps) {
  return (
    <div className="notice notice-error target-refusal" role="alert" data-testid="forward-target-refusal">
      <p className="target-refusal-text">
        {forwardRefusedText(targetName, refusal)} {refusal.nextStep}
      </p>
      <div className="target-refusal-actions">
        <button type="button" className="button" onClick={onDiagnose}>
          Diagnose {targetName}
        </button>
        <span className="field-hint">or choose a target that is ready.</span>
      </div>
    </div>
  );
}
