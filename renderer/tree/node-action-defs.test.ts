// The one table of tree node actions: which nodes offer what, the names the palette gives them,
// and why one cannot run (nothing fitting selected, no runtime id, the link to the host lost).
import { describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../shared/contract/index.js';
import type { AppModel } from '../root/app-model.js';
import { NODE_ACTIONS, nodeAction, nodeActionUnavailable, runNodeAction, type NodeActionId } from './node-action-defs.js';
import { menuFor } from './node-menu.js';
import { badgeOf } from './node-view.js';

type Kind<K extends InventoryNode['kind']> = Extract<InventoryNode, { kind: K }>;
const at = { profile: 'dev', region: 'eu-west-1' } as const;
const clusterArn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/demo-web';
const taskArn = 'arn:aws:ecs:eu-west-1:123456789012:task/demo-web/0123456789abcdef0123456789abcdef';
const profile = (sso: boolean): Kind<'profile'> => ({ kind: 'profile', id: 'p', label: 'dev', profile: 'dev', source: 'config', sso });
const region: Kind<'region'> = { kind: 'region', id: 'r', label: 'eu-west-1', ...at };
const cluster: Kind<'cluster'> = { kind: 'cluster', id: 'c', label: 'demo-web', ...at, clusterArn, status: 'ACTIVE', runningTasks: 2, activeServices: 1 };
const task: Kind<'task'> = {
  kind: 'task', id: 't', label: 'x', ...at, clusterArn, taskArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING',
  launchType: 'FARGATE', execEnabled: true, platformVersion: null, startedAt: null, taskDefinition: 'web:3',
};
/** The readiness sentence for a RUNNING container without a runtime id: badge, menu and diagnosis say it alike. */
const NO_RUNTIME_ID = 'ECS reports this container RUNNING but without a runtime id, so ECS Exec cannot address it yet.';
const container = (runtimeId: string | null): Kind<'container'> => ({
  kind: 'container', id: 'k', label: 'app', ...at, clusterArn, taskArn, name: 'app', runtimeId, lastStatus: 'RUNNING', execEnabled: true, execAgentStatus: runtimeId === null ? null : 'RUNNING', image: null,
});
const instance: Kind<'instance'> = { kind: 'instance', id: 'i', label: 'bastion', ...at, instanceId: 'i-0abc', name: 'bastion', pingStatus: 'Online', platform: 'Linux', state: 'running' };

const ok = { linkLost: null } as const;
const lost = { linkLost: 'Lost the connection to the web host' } as const;
const offered = (node: InventoryNode): NodeActionId[] => NODE_ACTIONS.filter((a) => a.offers(node)).map((a) => a.id);

describe('which nodes offer which actions', () => {
  it('targets: the session actions, Diagnose and Copy; profiles: sign-in (SSO only), Add region, Refresh; regions: Remove and Refresh', () => {
    expect(offered(container('rt-1'))).toEqual(['openShell', 'forward', 'diagnose', 'upload', 'download', 'copyId']);
    expect(offered(instance)).toEqual(['openShell', 'forward', 'diagnose', 'upload', 'download', 'copyId']);
    expect(offered(profile(true))).toEqual(['signIn', 'addRegion', 'refresh']);
    expect(offered(profile(false))).toEqual(['addRegion', 'refresh']);
    expect(offered(region)).toEqual(['removeRegion', 'refresh']);
    expect(offered(cluster)).toEqual(['copyId', 'refresh']);
    expect(offered(task)).toEqual(['copyId', 'refresh']);
  });
});

describe('palette titles name the node', () => {
  it('with its kind and the name the tree shows', () => {
    expect(nodeAction('copyId').title(task)).toBe('Copy ARN of task 89abcdef');
    expect(nodeAction('copyId').title(cluster)).toBe('Copy ARN of cluster demo-web');
    expect(nodeAction('copyId').title(container('rt-1'))).toBe('Copy task ARN of container app · 89abcdef');
    expect(nodeAction('copyId').title(instance)).toBe('Copy ID of instance bastion');
    expect(nodeAction('refresh').title(region)).toBe('Refresh region eu-west-1 of dev');
    expect(nodeAction('signIn').title(profile(true))).toBe('Sign in to dev with SSO');
    expect(nodeAction('addRegion').title(profile(false))).toBe('Add a region to dev…');
    expect(nodeAction('removeRegion').title(region)).toBe('Remove region eu-west-1 from dev');
    expect(nodeAction('openShell').title(instance)).toBe('Open shell on bastion');
    expect(nodeAction('forward').title(instance)).toBe('Start port forward to bastion…');
  });
});

describe('why an action cannot run', () => {
  it('nothing selected, or a node that does not offer it: what to select', () => {
    expect(nodeActionUnavailable(nodeAction('copyId'), null, ok)).toBe('Select a cluster, service, task, container or instance in the tree first');
    expect(nodeActionUnavailable(nodeAction('copyId'), region, ok)).toBe('Select a cluster, service, task, container or instance in the tree first');
    expect(nodeActionUnavailable(nodeAction('signIn'), profile(false), ok)).toBe('Select a profile that uses SSO in the tree first');
    expect(nodeActionUnavailable(nodeAction('removeRegion'), cluster, ok)).toBe('Select a region in the tree first');
    expect(nodeActionUnavailable(nodeAction('refresh'), instance, ok)).toBe('Select a profile, region, cluster, service or task in the tree first');
    expect(nodeActionUnavailable(nodeAction('openShell'), task, ok)).toBe('Select a container or instance in the tree first');
  });

  it('a container without a runtime id takes no session, but can be diagnosed and its task ARN copied', () => {
    for (const id of ['openShell', 'forward', 'upload', 'download'] as const) expect(nodeActionUnavailable(nodeAction(id), container(null), ok)).toBe(NO_RUNTIME_ID);
    expect(nodeActionUnavailable(nodeAction('diagnose'), container(null), ok)).toBeNull();
    expect(nodeActionUnavailable(nodeAction('copyId'), container(null), ok)).toBeNull();
    expect(nodeActionUnavailable(nodeAction('openShell'), container('rt-1'), ok)).toBeNull();
  });

  it('with the link to the host lost, everything that asks the host says so; copying still works', () => {
    for (const [id, node] of [['openShell', instance], ['diagnose', instance], ['signIn', profile(true)], ['addRegion', profile(true)], ['removeRegion', region], ['refresh', task]] as const) {
      expect(nodeActionUnavailable(nodeAction(id), node, lost)).toBe(lost.linkLost);
    }
    expect(nodeActionUnavailable(nodeAction('copyId'), task, lost)).toBeNull();
  });
});

describe('the context menu is built from the same table', () => {
  const model = {} as AppModel; // the items' runs are not called here
  it('lists what the node offers, disabled with the reason when it cannot run, advice otherwise', () => {
    const items = menuFor(model, container(null), ok);
    expect(items.map((i) => [i.label, i.disabled ?? false])).toEqual([
      ['Open shell', true],
      ['Start port forward…', true],
      ['Diagnose', false],
      ['Upload…', true],
      ['Download…', true],
      ['Copy task ARN', false],
    ]);
    expect(items[0]?.hint).toBe(NO_RUNTIME_ID);
    expect(items[2]?.hint).toBeUndefined();
    expect(menuFor(model, region, ok).map((i) => [i.label, i.hint])).toEqual([
      ['Remove region', 'Hides it from the tree; Add region… on the profile brings it back'],
      ['Refresh', undefined],
    ]);
    expect(menuFor(model, region, lost).every((i) => i.disabled === true && i.hint === lost.linkLost)).toBe(true);
  });
});

describe('Start port forward… on a target known not to take a session', () => {
  it('is disabled with the reason, not run as a Diagnose under its own name', () => {
    const lostContact: Kind<'instance'> = { ...instance, pingStatus: 'ConnectionLost' };
    const reason = badgeOf(lostContact)?.hint;
    expect(reason).toBeTruthy();
    const items = menuFor({} as AppModel, lostContact, ok);
    const forward = items.find((i) => i.label === 'Start port forward…');
    expect([forward?.disabled, forward?.hint]).toEqual([true, reason]);
    expect(items.find((i) => i.label === 'Diagnose')?.disabled).toBeUndefined();
    expect(nodeActionUnavailable(nodeAction('forward'), instance, ok)).toBeNull();
  });
});

describe('runNodeAction', () => {
  function fakeModel(linkLost: string | null): { model: AppModel; refreshed: string[]; regionsAsked: string[] } {
    const refreshed: string[] = [];
    const regionsAsked: string[] = [];
    const model = {
      sessions: { state: { linkLost } },
      tree: { refresh: async (id: string) => void refreshed.push(id) },
      addRegion: { request: (p: string) => void regionsAsked.push(p) },
    } as unknown as AppModel;
    return { model, refreshed, regionsAsked };
  }

  it('runs what the node offers and refuses the rest, running nothing', () => {
    const { model, refreshed, regionsAsked } = fakeModel(null);
    expect(runNodeAction(model, nodeAction('refresh'), cluster)).toBe(true);
    expect(runNodeAction(model, nodeAction('addRegion'), profile(false))).toBe(true);
    expect(runNodeAction(model, nodeAction('refresh'), instance)).toBe(false);
    expect(runNodeAction(model, nodeAction('addRegion'), null)).toBe(false);
    expect(refreshed).toEqual(['c']);
    expect(regionsAsked).toEqual(['dev']);
  });

  it('refuses while the link to the host is lost', () => {
    const { model, refreshed } = fakeModel(lost.linkLost);
    expect(runNodeAction(model, nodeAction('refresh'), cluster)).toBe(false);
    expect(refreshed).toEqual([]);
  });
});
