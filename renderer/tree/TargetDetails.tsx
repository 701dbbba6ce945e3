// Under the tree (one line, or a fixed height while it shows a target): what the selected container or instance is (status, exec readiness, ports, task
// definition, image, ids) and what can be done with it. A target known not to take a shell offers
// Diagnose first instead of a tab that would fail.
import type { InventoryNode } from '../../shared/contract/index.js';
import { taskIdOf } from '../../shared/format/task-id.js';
import { useLayoutEffect, useRef, useState } from 'react';
import { useModel } from '../root/model-context.js';
import { useStore } from '../state/store.js';
import { nodeAction, type NodeActionId } from './node-action-defs.js';
import { badgeOf, clusterName, notReadyReason, readinessOf, taskDefinitionOf, titleOf, type Badge } from './node-view.js';
import { findNode, type TreeState } from './tree-store.js';
import { KeepCodesWhole } from '../ui/KeepCodesWhole.js';
import { useGrowDelay, useShrinkHold } from './use-grow-delay.js';
import { usePointerPark } from './use-pointer-park.js';

type Target = Extract<InventoryNode, { kind: 'container' | 'instance' }>;

function taskOf(tree: TreeState, taskArn: string): Extract<InventoryNode, { kind: 'task' }> | undefined {
  for (const b of tree.branches.values()) {
    for (const c of b.children) if (c.kind === 'task' && c.taskArn === taskArn) return c;
  }
  return undefined;
}

/** Label and value lines for a target; only what is known. */
function facts(tree: TreeState, node: Target): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  if (node.kind === 'container') {
    if (node.ports === null) out.push(['Ports', 'unknown (the task definition could not be read)']);
    else if (node.ports !== undefined) out.push(['Ports', node.ports.length === 0 ? 'none mapped' : node.ports.map((p) => `${p.containerPort}/${p.protocol}`).join(', ')]);
    const task = taskOf(tree, node.taskArn);
    const def = task ? taskDefinitionOf(task) : null;
    if (def) out.push(['Task definition', def]);
    out.push(['Task', `${taskIdOf(node.taskArn)} in ${clusterName(node.clusterArn)}`]);
    if (node.image) out.push(['Image', node.image]);
  } else {
    out.push(['State', node.state]);
    out.push(['Instance', node.instanceId]);
    if (node.platform) out.push(['Platform', node.platform]);
    out.push(['SSM', node.pingStatus ?? 'not registered']);
  }
  out.push(['Region', `${node.region} · ${node.profile}`]);
  return out;
}

/**
 * The readiness line's words: why (the badge's reason) and, apart, what to do. Beside the Diagnose
 * button a not-ready container's step leaves out "Run Diagnose…" (nextStepInDiagnosis).
 */
function readinessWords(node: Target, badge: Badge | null): { readonly why: string; readonly next: string } | null {
  if (badge === null) return null;
  if (node.kind !== 'container') return { why: badge.hint, next: '' };
  const r = readinessOf(node);
  return { why: r.reason, next: r.nextStepInDiagnosis };
}

export function TargetDetails() {
  const model = useModel();
  const tree = useStore(model.tree);
  const linkLost = useStore(model.sessions).linkLost;
  const selected = findNode(tree, tree.selected);
  const chosen = selected !== undefined && (selected.kind === 'container' || selected.kind === 'instance') ? selected : null;
  const delayed = useGrowDelay(chosen);
  const area = useRef<HTMLElement>(null);
  // A press near the foot waits for the pointer to leave its spot before the area grows (a slow
  // double-click's second press must find its row where it was); an area already grown stays.
  const parked = usePointerPark(area);
  const [grown, setGrown] = useState(delayed !== null);
  const show = delayed !== null && (grown || !parked);
  if (show !== grown) setGrown(show); // adjusting state while rendering (React's pattern for derived state)
  const node = show ? delayed : null;
  const grownHeight = useRef(0);
  const holding = useShrinkHold(node !== null);
  // Grown, the area may cover the row it describes (one near the tree's foot): bring that row back into view.
  const shownId = node?.id ?? null;
  useLayoutEffect(() => {
    if (shownId !== null) document.querySelector('.tree-body .tree-row[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [shownId]);
  useLayoutEffect(() => {
    if (node !== null && area.current !== null) grownHeight.current = area.current.offsetHeight;
  });
  if (node === null) {
    // One line when empty: a short window keeps its rows for the tree. The area is at the foot of
    // the tree, so growing moves no row above it (and waits out a double-click: use-grow-delay.ts).
    // A target chosen but not yet shown in full is named on that line.
    const waiting = chosen !== null ? badgeOf(chosen) : null;
    return (
      <section ref={area} className="target-details empty" aria-label="Target details" data-testid="target-details" style={holding ? { minHeight: grownHeight.current } : undefined}>
        {chosen !== null ? (
          <div className="target-details-head" data-testid="target-details-pending">
            <span className="target-details-name" title={titleOf(chosen)}>
              {chosen.kind === 'container' ? chosen.name : (chosen.name ?? chosen.instanceId)}
            </span>
            {waiting && <span className={`tree-badge tone-${waiting.tone}`}>{waiting.text}</span>}
          </div>
        ) : (
          <p className="muted target-details-hint" title="Select a container or instance to see its ports, status and whether a shell can open.">Select a container or instance for its details.</p>
        )}
      </section>
    );
  }
  const badge = badgeOf(node);
  const notReady = notReadyReason(node);
  const readiness = readinessWords(node, badge);
  // A target known not to take a shell offers Diagnose first instead of a tab that would fail.
  const buttons: ReadonlyArray<readonly [NodeActionId, string]> = notReady === null
    ? [['openShell', ' button-primary'], ['forward', ''], ['diagnose', ' button-quiet']]
    : [['diagnose', ' button-primary'], ['forward', '']];
  return (
    <section ref={area} className="target-details" aria-label="Target details" data-testid="target-details">
      <div className="target-details-head">
        <span className="target-details-name" title={titleOf(node)}>
          {node.kind === 'container' ? node.name : (node.name ?? node.instanceId)}
        </span>
        {badge && <span className={`tree-badge tone-${badge.tone}`}>{badge.text}</span>}
      </div>
      <div className="target-details-actions">
        {buttons.map(([id, style]) => {
          const action = nodeAction(id);
          const why = action.unavailable(node, { linkLost });
          return (
            // aria-disabled, not disabled: a focused button turning off (the host link lost) keeps the keyboard.
            <button key={id} className={`button${style}`} aria-disabled={why !== null ? true : undefined} title={why ?? undefined} onClick={() => why === null && action.run(model, node)}>
              {action.short ?? action.label(node)}
            </button>
          );
        })}
      </div>
      {/* Why it can or cannot take a shell, what to do, then the facts: one scroll box under the
          name and the actions, which stay in view; nothing in it is cut off inside a box of its own. */}
      <div className="target-details-body" data-testid="target-details-body">
        {linkLost !== null ? (
          // Why every button is off, said as text (as the palette says why a command is), in the readiness line's place.
          <p className="target-details-readiness tone-warn" data-testid="target-details-unavailable" title={linkLost}>
            {linkLost}
          </p>
        ) : (
          readiness !== null && (
            <>
              <p className={`target-details-readiness${notReady ? ' tone-warn' : ''}`} data-testid="target-details-readiness" title={badge?.hint}>
                {readiness.why}
              </p>
              {readiness.next !== '' && (
                <p className="target-details-next" data-testid="target-details-next">
                  <KeepCodesWhole text={readiness.next} />
                </p>
              )}
            </>
          )
        )}
        <dl className="target-details-facts">
          {facts(tree, node).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
