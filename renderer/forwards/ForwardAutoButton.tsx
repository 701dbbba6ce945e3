// A forward row's "↻ auto" button (ForwardRow): turns auto-restart on or off.
import { useId } from 'react';
import type { ForwardInfo } from '../../shared/contract/index.js';
import { FOLLOW_RESTARTS_TEXT, followsServiceText } from '../../shared/messages/forwards.js';
import type { AppModel } from '../root/app-model.js';

/**
 * Pressed while auto-restart is on. A forward that follows its service always restarts, so the
 * button is locked on for as long as it follows: aria-disabled rather than `disabled`, so Tab still
 * reaches it and a press does nothing, and the reason (also its tooltip) is its accessible
 * description, read out when it takes focus.
 */
export function AutoRestartButton({ model, spec, id, stale }: { model: AppModel; spec: ForwardInfo['spec']; id: string; stale: boolean }) {
  const whyId = useId();
  const locked = spec.follow !== undefined;
  const title = autoRestartTitle(spec);
  return (
    <>
      <button
        className="button button-quiet forward-auto"
        disabled={stale}
        aria-disabled={locked || undefined}
        aria-pressed={spec.autoRestart || locked}
        aria-label="Auto-restart"
        aria-describedby={locked ? whyId : undefined}
        title={title}
        onClick={() => {
          if (!locked) void model.forwards.setAutoRestart(id, !spec.autoRestart);
        }}
      >
        ↻<span className="forward-auto-text"> auto</span>
      </button>
      {locked && (
        <span id={whyId} className="visually-hidden">
          {title}
        </span>
      )}
    </>
  );
}

/** The auto-restart button's tooltip: what it does now, and what a click would do (nothing, while the forward follows its service). */
function autoRestartTitle(spec: ForwardInfo['spec']): string {
  if (spec.follow !== undefined) return `Auto-restart is on: the forward ${followsServiceText(spec.follow.service)} and restarts on a running task of it. ${FOLLOW_RESTARTS_TEXT}`;
  return spec.autoRestart ? 'Auto-restart is on: the forward restarts when its session drops. Click to turn it off.' : 'Auto-restart is off. Click to restart the forward automatically when its session drops.';
}
