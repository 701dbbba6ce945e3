// RegionLoaders drops exactly the profiles it is told of: a profile whose name begins with another's,
// or holds the key's own separator, keeps its loaders when that other profile goes.
import { describe, expect, it } from 'vitest';
import type { ProfileSession } from '../profile-session.js';
import type { AwsWorkspace } from '../workspace.js';
import type { ParsedNodeId } from './node-ids.js';
import { RegionLoaders } from './region-loaders.js';

const REGION = 'eu-west-1';

function loaders(): RegionLoaders {
  const workspace = { open: (name: string) => Promise.resolve({ name } as unknown as ProfileSession) } as unknown as AwsWorkspace;
  return new RegionLoaders(workspace, {});
}

async function opened(names: readonly string[]): Promise<RegionLoaders> {
  const l = loaders();
  for (const name of names) await l.open(name, REGION);
  return l;
}

const kept = (l: RegionLoaders, names: readonly string[]): string[] => names.filter((n) => l.of(n, REGION) !== undefined);
const profileNode = (profile: string): ParsedNodeId => ({ kind: 'profile', profile, region: '', rest: [] });

describe('region loaders by profile', () => {
  it('keeps "dev-eu" when "dev" leaves the AWS files, and "dev" when "dev-eu" does', async () => {
    const a = await opened(['dev', 'dev-eu']);
    a.keepProfiles(new Set(['dev-eu']));
    expect(kept(a, ['dev', 'dev-eu'])).toEqual(['dev-eu']);
    const b = await opened(['dev', 'dev-eu']);
    b.keepProfiles(new Set(['dev']));
    expect(kept(b, ['dev', 'dev-eu'])).toEqual(['dev']);
  });

  it('tells apart a profile whose name holds a bar from the one before it', async () => {
    const a = await opened(['dev', 'dev|eu']);
    a.keepProfiles(new Set(['dev']));
    expect(kept(a, ['dev', 'dev|eu'])).toEqual(['dev']);
    const b = await opened(['dev', 'dev|eu']);
    b.forget(profileNode('dev'));
    expect(kept(b, ['dev', 'dev|eu'])).toEqual(['dev|eu']);
  });
});
