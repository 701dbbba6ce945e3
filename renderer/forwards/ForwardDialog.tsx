// The form for a new port forward: target (by name, with where it is), remote port (suggested from
// the ports the target declares, with a warning for one it does not), optional remote host, local
// port or automatic, name, auto-restart. Errors from main (port in use, refused) show in the form.
// The same form edits a forward of the panel (Edit…): prefilled with its settings and whether it
// is saved, saying what saving does to it (a running one restarts), the local port focused when
// that is what it failed on.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ContractError, DEFAULT_BIND_ADDRESS, type ForwardSpec } from '../../shared/contract/index.js';
import { undeclaredPortWarning } from '../../shared/messages/forwards.js';
import { errorText } from '../bridge/client.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { Dialog } from '../ui/Dialog.js';
import { FormEnd } from '../ui/FormEnd.js';
import { TextField } from '../ui/TextField.js';
import type { Draft } from './forward-draft.js';

/** Why auto-restart can't be unticked while the forward follows its service: the locked checkbox's accessible description. */
const AUTO_RESTART_LOCKED_TEXT = 'A forward that follows its service always restarts on a running task of it. To turn auto-restart off, untick Follow service first.';
import { editEffect, failedOnLocalPort, fieldsOf, localPortProblem, localPortHint, NEW_FORWARD_FIELDS, specChanged } from './forward-edit.js';
import { duplicateForwardWarning, formProblem, parsePort, startRefusal, type FormField } from './forward-form-check.js';
import './forwards.css';
import { fallbackLabel, targetIndex, targetKey, type TargetEntry } from './forward-targets.js';
import { TargetRefusal } from './TargetRefusal.js';
import { diagnoseTarget } from '../tree/node-actions.js';
import { shortTaskId } from '../../shared/format/task-id.js';
import { focusPanelTab } from '../ui/focus-panel.js';

/**
 * A target as the list offers it: "app — demo-web › web › 0e1f0001", and one that cannot take a
 * session now marked as the tree marks it ("lost-contact — … · lost"), dimmed, its reason on hover.
 */
function optionText(e: Pick<TargetEntry, 'label' | 'mark'>): string {
  const text = e.label.path ? `${e.label.name} — ${e.label.path}` : e.label.name;
  return e.mark === null ? text : `${text}${MARK_SEPARATOR}${e.mark}`;
}

/** Between a target's name and its trouble mark in the list. */
const MARK_SEPARATOR = ' · ';

/** Targets the person can pick: every loaded target in the tree, and the one the form was opened for. */
function useChoices(draft: Draft): TargetEntry[] {
  const model = useModel();
  const tree = useStore(model.tree);
  return useMemo(() => {
    const index = targetIndex(tree);
    if (draft.target === null || index.has(targetKey(draft.target))) return [...index.values()];
    const label = draft.edit?.forward.spec.targetLabel ?? (draft.title ? { name: draft.title, path: '' } : fallbackLabel(draft.target));
    const opened: TargetEntry = { key: targetKey(draft.target), target: draft.target, nodeId: '', label, declaredPorts: null, notReady: null, refusal: null, mark: null, service: draft.edit?.forward.spec.follow?.service ?? null };
    return [opened, ...index.values()];
  }, [draft, tree]);
}

/**
 * The target to start with: the one the form was opened for (newForward in command-target.ts picks
 * it by the same rule as the palette), else none, for the person to choose.
 */
function initialKey(draft: Draft): string {
  return draft.target === null ? '' : targetKey(draft.target);
}

/** The port to suggest: the first one the target declares, or nothing. */
function suggestedPort(entry: TargetEntry | undefined): string {
  return entry?.declaredPorts?.[0] !== undefined ? String(entry.declaredPorts[0]) : '';
}

/** What the hint under the remote port says about the target's declared ports. */
function declaredText(entry: TargetEntry | undefined): string {
  if (entry === undefined || entry.declaredPorts === null) return entry?.target.kind === 'instance' ? 'Any port the instance listens on.' : '';
  if (entry.declaredPorts.length === 0) return 'Its task definition declares no ports.';
  return entry.declaredPorts.length === 1 ? 'Declared port:' : 'Declared ports:';
}

export function ForwardDialog({ draft }: { draft: Draft }) {
  const model = useModel();
  const edit = draft.edit;
  const choices = useChoices(draft);
  const [choice, setChoiceKey] = useState(() => initialKey(draft));
  const chosen = choices.find((c) => c.key === choice);
  // A form set aside for a diagnosis comes back as it was typed.
  const typedBefore = draft.typed;
  const start = typedBefore?.fields ?? (edit === undefined ? NEW_FORWARD_FIELDS : fieldsOf(edit.forward.spec));
  const [remotePort, setRemotePort] = useState(() => (edit === undefined && typedBefore === undefined ? suggestedPort(chosen) : start.remotePort));
  /** Once the person types a port (or it is a forward's own), a change of target no longer replaces it. */
  const [portTyped, setPortTyped] = useState(edit !== undefined || (typedBefore !== undefined && typedBefore.fields.remotePort !== ''));
  const [viaHost, setViaHost] = useState(start.viaHost);
  const setChoice = (key: string): void => {
    setChoiceKey(key);
    if (!portTyped && !viaHost) setRemotePort(suggestedPort(choices.find((c) => c.key === key)));
  };
  /** Ticked by the person: the keyboard goes to the host field that just appeared. */
  const [focusHost, setFocusHost] = useState(false);
  const setVia = (on: boolean): void => {
    setViaHost(on);
    setFocusHost(on);
    // A port suggested from the target's own declared ports says nothing of another host's: it
    // would have sent db.internal's forward to the container's 8080 unseen.
    if (!portTyped) setRemotePort(on ? '' : suggestedPort(chosen));
  };
  const [remoteHost, setRemoteHost] = useState(start.remoteHost);
  const [localPort, setLocalPort] = useState(start.localPort);
  const [name, setName] = useState(start.name);
  const [autoRestart, setAutoRestart] = useState(start.autoRestart);
  // On by default for a container of a service: its forward then survives the task being replaced.
  const [follow, setFollow] = useState(typedBefore?.follow ?? (edit === undefined || edit.forward.spec.follow !== undefined));
  const followable = chosen?.service ?? null;
  const following = followable !== null && follow;
  const lockedWhyId = useId();
  const [saved, setSaved] = useState(edit?.savedId != null);
  const [error, setError] = useState<string | null>(null);
  /** The field the form refused (marked invalid until it is edited); null for a refusal from main. */
  const [invalid, setInvalid] = useState<FormField | null>(null);
  const fields = {
    target: useRef<HTMLSelectElement>(null),
    remotePort: useRef<HTMLInputElement>(null),
    localPort: useRef<HTMLInputElement>(null),
    remoteHost: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
  };
  /** Editing the refused field takes its mark off (the message stays until the next try). */
  const edited = (field: FormField): void => setInvalid((was) => (was === field ? null : was));
  /** A field's onChange: the field is edited (its mark comes off), then its value set. */
  const typed =
    (field: FormField, set: (value: string) => void) =>
    (value: string): void => {
      edited(field);
      set(value);
    };
  /** The target Start was refused on (it cannot take a session); its refusal shows while it stays chosen. */
  const [refusedKey, setRefusedKey] = useState<string | null>(null);
  // A forward that keeps its target was checked when it started; one that goes somewhere new is
  // checked now, unless it follows its service (it starts on whichever task of it is ready).
  const refusal = startRefusal(chosen, { follow, editedTargetKey: edit === undefined ? null : targetKey(edit.forward.spec.target) });
  const [busy, setBusy] = useState(false);
  const forwards = useStore(model.forwards);
  const typedPort = parsePort(remotePort);
  const portWarning = chosen === undefined || typedPort === null || viaHost ? null : undeclaredPortWarning(chosen.label.name, chosen.declaredPorts, typedPort);
  const target = chosen === undefined ? undefined : { key: chosen.key, name: chosen.label.name };
  const duplicate = duplicateForwardWarning({ target, remotePort, viaHost, remoteHost, editing: edit?.forward.id }, forwards.forwards);
  // The forward as it is now (the row may have changed since the form opened).
  const current = edit === undefined ? undefined : (forwards.forwards.find((f) => f.id === edit.forward.id) ?? edit.forward);
  const stats = current === undefined ? undefined : forwards.stats.get(current.id);
  const effect = current === undefined ? null : editEffect(current, stats?.state ?? current.state, stats?.connections ?? 0);
  // A forward that failed on its local port: the keyboard goes to that field, its text selected to be typed over.
  const focusLocal = edit !== undefined && failedOnLocalPort(edit.forward);
  const localField = fields.localPort;
  useEffect(() => {
    if (focusLocal) localField.current?.select();
  }, [focusLocal, localField]);

  const submit = async (): Promise<void> => {
    const picked = chosen;
    const port = parsePort(remotePort);
    const local: number | 'auto' | null = localPort.trim() === '' ? 'auto' : parsePort(localPort);
    if (picked !== undefined && refusal !== null) {
      // Said under the target, which gets the keyboard to choose another; nothing typed is lost.
      setRefusedKey(picked.key);
      setError(null);
      setInvalid('target');
      fields.target.current?.focus();
      return;
    }
    const problem = formProblem({ hasTarget: picked !== undefined, remotePort, localPort, viaHost, remoteHost, name });
    if (problem !== null) {
      setError(problem.text);
      setInvalid(problem.field);
      // The keyboard goes to the field to fix, its text selected to be typed over.
      const element = fields[problem.field].current;
      element?.focus();
      if (element instanceof HTMLInputElement) element.select();
      return;
    }
    // formProblem refused each of these; this only tells the compiler.
    if (picked === undefined || port === null || local === null) return;
    const spec: ForwardSpec = {
      target: picked.target,
      targetLabel: picked.label,
      remotePort: port,
      localPort: local,
      // An edited forward keeps the address it was given; the form does not offer another.
      bindAddress: edit?.forward.spec.bindAddress ?? DEFAULT_BIND_ADDRESS,
      autoRestart: autoRestart || following,
      ...(following && followable !== null ? { follow: { service: followable } } : {}),
      ...(viaHost ? { remoteHost: remoteHost.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
    };
    setBusy(true);
    setError(null);
    setInvalid(null);
    try {
      if (edit === undefined) await model.forwards.create(spec);
      else {
        // Nothing it runs on changed: no restart, and its connections stay (a failed one is still started: the button says so).
        if (specChanged(edit.forward.spec, spec) || (current ?? edit.forward).state === 'failed') await model.forwards.edit(edit.forward.id, spec);
        if (saved !== (edit.savedId !== null)) await model.forwards.setSaved(edit.forward.id, edit.savedId, saved);
      }
      model.forwardDraft.close();
      model.panel.show('forwards');
    } catch (err) {
      setError(errorText(err));
      // Refused on this computer for its local port: that field is marked and gets the keyboard, its text selected to be typed over.
      if (err instanceof ContractError && localPortProblem(err.localBindProblem)) {
        setInvalid('localPort');
        localField.current?.focus();
        localField.current?.select();
      }
    } finally {
      setBusy(false);
    }
  };

  const submitText = busy ? (edit === undefined ? 'Starting…' : 'Saving…') : (effect?.submit ?? 'Start forward');
  return (
    <Dialog title={edit === undefined ? 'New port forward' : 'Edit port forward'} closeLabel={edit === undefined ? 'Close new forward' : 'Close edit forward'} onClose={() => model.forwardDraft.close()} onSubmit={() => void submit()}>
        <label className="field">
          <span>Target</span>
          <select
            ref={fields.target}
            value={choice}
            onChange={(e) => {
              edited('target');
              setRefusedKey(null);
              setChoice(e.target.value);
            }}
            aria-label="Target"
            aria-invalid={invalid === 'target' || undefined}
            autoFocus={choice === ''}
          >
            {choice === '' && (
              <option value="" disabled>
                {choices.length === 0 ? 'No targets loaded: open a region in the tree' : 'Choose a target…'}
              </option>
            )}
            {choices.map((c) => (
              <option key={c.key} value={c.key} className={c.mark === null ? undefined : 'option-not-ready'} title={c.notReady ?? undefined}>
                {optionText(c)}
              </option>
            ))}
          </select>
        </label>
        {chosen !== undefined && refusal !== null && refusedKey === chosen.key ? (
          <TargetRefusal
            targetName={chosen.label.name}
            refusal={refusal}
            onDiagnose={() => {
              // Kept, with what was typed: the next New forward (or Edit… of this one) opens as it was.
              model.forwardDraft.setAside({ ...draft, target: chosen.target, title: chosen.label.name, typed: { fields: { remotePort, viaHost, remoteHost, localPort, name, autoRestart }, follow } });
              const task = chosen.target.kind === 'ecs-container' ? ` · ${shortTaskId(chosen.target.taskArn)}` : '';
              diagnoseTarget(model, chosen.target, `${chosen.label.name}${task}`);
              // Given the keyboard: a diagnosis in a panel the keyboard is not on reads as nothing having happened.
              focusPanelTab();
            }}
          />
        ) : chosen?.notReady && (
          <p className="notice notice-warn" role="status" data-testid="forward-target-readiness">
            {chosen.notReady}
          </p>
        )}
        <div className="field-row">
          <TextField
            label="Remote port"
            inputRef={fields.remotePort}
            hintId="forward-declared-ports"
            numeric
            invalid={invalid === 'remotePort'}
            value={remotePort}
            onChange={typed('remotePort', (v) => {
              setPortTyped(true);
              setRemotePort(v);
            })}
            autoFocus={!focusLocal && choice !== ''}
          />
          <TextField label="Local port" inputRef={localField} hintId="forward-local-hint" numeric invalid={invalid === 'localPort'} value={localPort} onChange={typed('localPort', setLocalPort)} autoFocus={focusLocal} />
        </div>
        <div className="field-row field-hints">
          <span id="forward-declared-ports" className="field-hint" data-testid="forward-declared-ports">
            {viaHost ? 'The port on the remote host.' : declaredText(chosen)}
            {!viaHost && chosen?.declaredPorts?.map((p) => (
              <button key={p} type="button" className="link-button" aria-pressed={remotePort === String(p)} onClick={() => {
                  edited('remotePort');
                  setRemotePort(String(p));
                }}
              >
                {p}
              </button>
            ))}
          </span>
          <span id="forward-local-hint" className="field-hint">
            {localPortHint(current, saved)}
          </span>
        </div>
        {portWarning !== null && (
          <p className="notice notice-warn" role="status" data-testid="forward-port-warning">
            {portWarning}
          </p>
        )}
        {duplicate !== null && (
          <p className="notice notice-warn" role="status" data-testid="forward-duplicate-warning">
            {duplicate}
          </p>
        )}
        <label className="check-field">
          <input type="checkbox" checked={viaHost} onChange={(e) => setVia(e.target.checked)} />
          Forward to another host reachable from the target (a database, an internal service)
        </label>
        {viaHost && <TextField label="Remote host" inputRef={fields.remoteHost} invalid={invalid === 'remoteHost'} value={remoteHost} onChange={typed('remoteHost', setRemoteHost)} autoFocus={focusHost} />}
        <TextField label="Name (optional)" name="Name" inputRef={fields.name} invalid={invalid === 'name'} value={name} onChange={typed('name', setName)} />
        {followable !== null && (
          <label className="check-field">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="forward-follow" />
            Follow service {followable}: when its task is replaced, start on the new one
          </label>
        )}
        <label className="check-field">
          {/* Following its service is restarting on the task that replaced its own: on, and not to be turned off, while it follows.
              aria-disabled rather than `disabled`, so Tab still reaches it and its reason is read out; a change is ignored. */}
          <input
            type="checkbox"
            checked={autoRestart || following}
            aria-disabled={following || undefined}
            aria-describedby={following ? lockedWhyId : undefined}
            onChange={(e) => {
              if (!following) setAutoRestart(e.target.checked);
            }}
            data-testid="forward-auto-restart"
          />
          {following ? 'Restart automatically when the session drops (always, while it follows its service)' : 'Restart automatically when the session drops'}
        </label>
        {following && (
          <span id={lockedWhyId} className="visually-hidden">
            {AUTO_RESTART_LOCKED_TEXT}
          </span>
        )}
        {edit !== undefined && (
          <label className="check-field">
            <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
            Saved: kept in the Saved list, to start again later
          </label>
        )}
        {effect !== null && (
          <p className="notice" role="status" data-testid="forward-edit-effect">
            {effect.text}
          </p>
        )}
        <FormEnd error={error} onCancel={() => model.forwardDraft.close()} submit={submitText} busy={busy} />
    </Dialog>
  );
}
