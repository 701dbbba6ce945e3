// The palette's target commands act on the part of the window that last had the keyboard, as in
// VS Code: the tree's selected container or instance, or the active tab's target.
import { describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import type { Tab } from '../sessions/session-types.js';
import { commandArea, pickCommandTarget } from './command-target.js';
import { WorkAreaStore, workAreaOf } from './work-area.js';

const tab: Tab = { key: 't1', sessionId: 's1', title: 'jump host', target: { kind: 'instance', profile: 'p', region: 'us-east-1', instanceId: 'i-0aaa' }, status: { state: 'connected' }, reconnects: 0, recording: null };
const bastion: InventoryNode = { kind: 'instance', id: 'i', label: 'bastion', profile: 'p', region: 'us-east-1', instanceId: 'i-0bbb', name: 'bastion', pingStatus: 'Online', platform: 'Linux', state: 'running' };
const cluster: InventoryNode = { kind: 'cluster', id: 'c', label: 'demo-web', profile: 'p', region: 'us-east-1', clusterArn: 'arn:aws:ecs:us-east-1:1:cluster/demo-web', status: 'ACTIVE', runningTasks: 1, activeServices: 1 };

/** An element inside the given pane (only `closest` is asked). */
const inside = (pane: string | null): Pick<Element, 'closest'> => ({ closest: (selector: string) => (pane !== null && selector === pane ? ({} as Element) : null) });

describe('which part the target commands act on', () => {
  it('the tree after it had the keyboard, even with a tab open: its selected node, not the tab', () => {
    expect(commandArea('tree', tab)).toBe('tree');
    expect(pickCommandTarget(commandArea('tree', tab), tab, bastion)).toEqual({ kind: 'node', node: bastion });
  });

  it("the terminal after it had the keyboard: the tab's target, whatever the tree has selected", () => {
    expect(pickCommandTarget(commandArea('terminal', tab), tab, bastion)).toEqual({ kind: 'tab', tab });
  });

  it('before either had it, the tab in view; with no tab, always the tree', () => {
    expect(pickCommandTarget(commandArea(null, tab), tab, bastion)).toEqual({ kind: 'tab', tab });
    expect(pickCommandTarget(commandArea('terminal', null), null, bastion)).toEqual({ kind: 'node', node: bastion });
    expect(pickCommandTarget(commandArea(null, null), null, undefined)).toBeNull();
  });

  it('the tree with something other than a container or instance selected: no target (not the tab behind it)', () => {
    expect(pickCommandTarget(commandArea('tree', tab), tab, cluster)).toBeNull();
    expect(pickCommandTarget(commandArea('tree', tab), tab, undefined)).toBeNull();
  });
});

describe('the part that last had the keyboard', () => {
  it('the tree pane or the terminal pane; focus anywhere else (the palette, a dialog, the bottom panel) leaves it as it was', () => {
    expect(workAreaOf(inside('.tree-pane'))).toBe('tree');
    expect(workAreaOf(inside('.terminal-pane'))).toBe('terminal');
    expect(workAreaOf(inside(null))).toBeNull();
    const store = new WorkAreaStore();
    expect(store.state).toBeNull();
    store.focused(inside('.tree-pane'));
    store.focused(inside(null));
    expect(store.state).toBe('tree');
    store.focused(inside('.terminal-pane'));
    expect(store.state).toBe('terminal');
  });
});
