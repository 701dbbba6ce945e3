// The form for a new port forward: target, remote port, optional remote host, local port or
// automatic, name, auto-restart. Errors from main (port in use, refused) show in the form.
import { useMemo, useState } from 'react';
import { DEFAULT_BIND_ADDRESS, type InventoryNode, type TargetRef } from '../../shared/contract/index.js';
import { errorText } from '../bridge/client.js';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { readinessOf, targetOf, titleOf } from '../tree/node-view.js';
import { Dialog } from '../ui/Dialog.js';
import type { Draft } from './forward-draft.js';

interface Choice {
  readonly key: string;
  readonly title: string;
  readonly target: TargetRef;
  /** Why ECS Exec cannot reach it now (the tree badge's reason), null when it can or for instances. */
  readonly notReady: string | null;
}

function targetKey(t: TargetRef): string {
  return t.kind === 'instance' ? `${t.profile}/${t.region}/${t.instanceId}` : `${t.profile}/${t.region}/${t.taskArn}/${t.containerName}`;
}

/** Targets the person can pick: the one the form was opened for, then every loaded target in the tree. */
function useChoices(draft: Draft): Choice[] {
  const model = useModel();
  const tree = useStore(model.tree);
  return useMemo(() => {
    const out = new Map<string, Choice>();
    const notReady = new Map<string, string>();
    for (const branch of tree.branches.values()) {
      for (const node of branch.children as readonly InventoryNode[]) {
        const t = targetOf(node);
        if (t === null) continue;
        const r = node.kind === 'container' ? readinessOf(node) : null;
        if (r && !r.ready) notReady.set(targetKey(t), r.reason);
        if (!out.has(targetKey(t)) && !(draft.target && targetKey(draft.target) === targetKey(t))) out.set(targetKey(t), { key: targetKey(t), title: `${titleOf(node)} — ${node.profile}`, target: t, notReady: null });
      }
    }
    const first = draft.target ? [{ key: targetKey(draft.target), title: draft.title, target: draft.target, notReady: null }] : [];
    return [...first, ...out.values()].map((c) => ({ ...c, notReady: notReady.get(c.key) ?? null }));
  }, [draft, tree.branches]);
}

function parsePort(text: string): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
}

export function ForwardDialog({ draft }: { draft: Draft }) {
  const model = useModel();
  const choices = useChoices(draft);
  const [choice, setChoice] = useState(choices[0]?.key ?? '');
  const [remotePort, setRemotePort] = useState('');
  const [viaHost, setViaHost] = useState(false);
  const [remoteHost, setRemoteHost] = useState('');
  const [localPort, setLocalPort] = useState('');
  const [name, setName] = useState('');
  const [autoRestart, setAutoRestart] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    const picked = choices.find((c) => c.key === choice);
    const port = parsePort(remotePort);
    const local = localPort.trim() === '' ? 'auto' : parsePort(localPort);
    if (picked === undefined) return setError('Choose a target: open its region in the tree first if it is not listed.');
    if (port === null) return setError('The remote port must be a number from 1 to 65535.');
    if (local === null) return setError('The local port must be a number from 1 to 65535, or empty to pick a free one.');
    if (viaHost && remoteHost.trim() === '') return setError('Enter the host to reach through the target, or untick the remote host option.');
    setBusy(true);
    setError(null);
    try {
      await model.forwards.create({
        target: picked.target,
        remotePort: port,
        localPort: local,
        bindAddress: DEFAULT_BIND_ADDRESS,
        autoRestart,
        ...(viaHost ? { remoteHost: remoteHost.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      model.forwardDraft.close();
      model.panel.show('forwards');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="New port forward" closeLabel="Close new forward" onClose={() => model.forwardDraft.close()} onSubmit={() => void submit()}>
        <label className="field">
          <span>Target</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Target">
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        {choices.find((c) => c.key === choice)?.notReady && (
          <p className="notice notice-warn" role="status" data-testid="forward-target-readiness">
            {choices.find((c) => c.key === choice)?.notReady}
          </p>
        )}
        <div className="field-row">
          <label className="field">
            <span>Remote port</span>
            <input aria-label="Remote port" inputMode="numeric" placeholder="8080" value={remotePort} onChange={(e) => setRemotePort(e.target.value)} autoFocus />
          </label>
          <label className="field">
            <span>Local port</span>
            <input aria-label="Local port" inputMode="numeric" placeholder="automatic" value={localPort} onChange={(e) => setLocalPort(e.target.value)} />
          </label>
        </div>
        <label className="check-field">
          <input type="checkbox" checked={viaHost} onChange={(e) => setViaHost(e.target.checked)} />
          Forward to another host reachable from the target (a database, an internal service)
        </label>
        {viaHost && (
          <label className="field">
            <span>Remote host</span>
            <input aria-label="Remote host" placeholder="db.internal" value={remoteHost} onChange={(e) => setRemoteHost(e.target.value)} />
          </label>
        )}
        <label className="field">
          <span>Name (optional)</span>
          <input aria-label="Name" placeholder="web admin" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="check-field">
          <input type="checkbox" checked={autoRestart} onChange={(e) => setAutoRestart(e.target.checked)} />
          Restart automatically when the session drops
        </label>
        {error !== null && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button button-quiet" onClick={() => model.forwardDraft.close()}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start forward'}
          </button>
        </div>
    </Dialog>
  );
}
