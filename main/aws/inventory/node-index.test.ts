import { describe, expect, it } from 'vitest';
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import { NodeIndex } from './node-index.js';
import { nodeId, parseNodeId } from './node-ids.js';

const region = (r: string): InventoryNode => ({ kind: 'region', id: nodeId.region('p', r), label: r, profile: 'p', region: r });
const instance = (r: string, id: string, name: string): InventoryNode => ({ kind: 'instance', id: nodeId.instance('p', r, id), label: `${name} (${id})`, profile: 'p', region: r, instanceId: id, name, pingStatus: 'Online', platform: 'Linux', state: 'running' });
const profile: InventoryNode = { kind: 'profile', id: nodeId.profile('p'), label: 'p', profile: 'p', source: 'config' };

describe('NodeIndex', () => {
  it('keeps what is loaded under children that survive a reload, and drops the rest', () => {
    const ix = new NodeIndex();
    ix.setRoots([profile]);
    ix.setChildren(profile.id, [region('us-east-1'), region('eu-west-1')]);
    ix.setChildren(region('us-east-1').id, [instance('us-east-1', 'i-01', 'web')]);
    ix.setChildren(region('eu-west-1').id, [instance('eu-west-1', 'i-02', 'db')]);
    ix.setChildren(profile.id, [region('us-east-1')]);
    expect(ix.filter('web').map((m) => m.node.label)).toEqual(['web (i-01)']);
    expect(ix.filter('db')).toEqual([]);
    expect(ix.filter('web')[0]?.ancestors).toEqual([profile.id, region('us-east-1').id]);
  });

  it('matches every term, case-insensitively, across labels and ids', () => {
    const ix = new NodeIndex();
    ix.setRoots([profile]);
    ix.setChildren(profile.id, [region('us-east-1')]);
    ix.setChildren(region('us-east-1').id, [instance('us-east-1', 'i-0abc', 'Web-Server'), instance('us-east-1', 'i-0def', 'web-cache')]);
    expect(ix.filter('WEB  i-0def').map((m) => m.node.label)).toEqual(['web-cache (i-0def)']);
    expect(ix.filter('   ')).toEqual([]);
  });

  it('round-trips node ids, including names with separators, and rejects foreign ids', () => {
    const id = nodeId.container('my|profile', 'us-east-1', 'arn:aws:ecs:us-east-1:1:cluster/a_b', 'arn:aws:ecs:us-east-1:1:task/a_b/123', 'app:"x"');
    expect(parseNodeId(id)).toEqual({ kind: 'container', profile: 'my|profile', region: 'us-east-1', rest: ['arn:aws:ecs:us-east-1:1:cluster/a_b', 'arn:aws:ecs:us-east-1:1:task/a_b/123', 'app:"x"'] });
    expect(parseNodeId('x:["a"]')).toBeUndefined();
    expect(parseNodeId('p:not json')).toBeUndefined();
    expect(parseNodeId('p:[1]')).toBeUndefined();
  });

  it('tells of every node that leaves the tree, with what was loaded under it, and of no other', () => {
    const gone: string[] = [];
    const ix = new NodeIndex((id) => gone.push(id));
    ix.setRoots([profile]);
    ix.setChildren(profile.id, [region('us-east-1'), region('eu-west-1')]);
    ix.setChildren(region('eu-west-1').id, [instance('eu-west-1', 'i-02', 'db')]);
    ix.setChildren(profile.id, [region('us-east-1')]);
    expect(gone.sort()).toEqual([region('eu-west-1').id, instance('eu-west-1', 'i-02', 'db').id].sort());
    gone.length = 0;
    ix.invalidate(region('us-east-1').id); // reloaded on next access, still in the tree
    expect(gone).toEqual([]);
  });

  it('drops what an invalidated parent no longer lists once it is listed again, and a profile no longer listed', () => {
    const gone: string[] = [];
    const ix = new NodeIndex((id) => gone.push(id));
    const other: InventoryNode = { ...profile, id: nodeId.profile('q'), label: 'q', profile: 'q' };
    ix.setRoots([profile, other]);
    ix.setChildren(profile.id, [region('us-east-1'), region('eu-west-1')]);
    ix.setChildren(region('eu-west-1').id, [instance('eu-west-1', 'i-02', 'db')]);
    ix.invalidate(profile.id); // the profile's regions changed in settings
    ix.setChildren(profile.id, [region('us-east-1')]);
    expect(gone.sort()).toEqual([region('eu-west-1').id, instance('eu-west-1', 'i-02', 'db').id].sort());
    expect(ix.node(region('eu-west-1').id)).toBeUndefined();
    gone.length = 0;
    ix.setRoots([other]); // profile p removed from the AWS files
    expect(gone.sort()).toEqual([profile.id, region('us-east-1').id].sort());
    expect(ix.node(profile.id)).toBeUndefined();
    expect(ix.node(other.id)).toBeDefined();
  });
});
