// The `inventory` service: the tree of profiles → regions → clusters → … → containers, over
// main/aws. The tree's roots are asked for with the reserved parent id INVENTORY_ROOT_ID
// ("root"), which no minted node id can equal (those are `<kind>:<json>`).
import { INVENTORY_ROOT_ID } from '../../shared/contract/inventory.js';
import type { ConfigFinding, InventoryNode, Profile } from '../../shared/contract/index.js';
import { plainly } from './plain-error.js';
import type { AwsService } from '../aws/aws-service.js';
import type { ServiceImpl } from './service.js';

export { INVENTORY_ROOT_ID } from '../../shared/contract/inventory.js';

export interface InventoryServiceDeps {
  readonly aws: AwsService;
  /** Set when the app runs against the local sandbox: its profiles are marked `sandbox`. */
  readonly sandbox: { readonly profiles: readonly string[] } | null;
}

export function createInventoryService({ aws, sandbox }: InventoryServiceDeps): ServiceImpl<'inventory'> {
  const isSandbox = (name: string): boolean => sandbox?.profiles.includes(name) ?? false;
  const markProfile = (p: Profile): Profile => (isSandbox(p.name) ? { ...p, source: 'sandbox' } : p);
  const markNode = (n: InventoryNode): InventoryNode => (n.kind === 'profile' && isSandbox(n.profile) ? { ...n, source: 'sandbox' } : n);
  /** The profiles with what is wrong in the files they come from (sent only when something is). */
  const profileNodes = async (): Promise<{ nodes: InventoryNode[]; configFindings?: ConfigFinding[] }> => {
    const [{ nodes }, findings] = await Promise.all([aws.inventory.profiles(), aws.configFindings()]);
    return { nodes: nodes.map(markNode), ...(findings.length > 0 ? { configFindings: findings } : {}) };
  };

  /** Windows whose watch is kept (and dropped when they go). */
  const watching = new Set<string>();
  return {
    profiles: () =>
      plainly(async () => {
        const { profiles, credentialsFound } = await aws.profiles();
        // In sandbox mode the only credentials are the sandbox's own: the person has none of theirs.
        const own = sandbox === null ? credentialsFound : profiles.some((p) => !isSandbox(p.name));
        return { profiles: profiles.map(markProfile), credentialsFound: own, sandboxOffered: sandbox !== null };
      }),
    children: ({ parentId }) =>
      plainly(async () => {
        if (parentId === INVENTORY_ROOT_ID) return profileNodes();
        const nodes = await aws.inventory.children(parentId);
        const problems = aws.inventory.problemsOf(parentId);
        const stale = aws.inventory.staleOf(parentId);
        return { nodes: nodes.map(markNode), ...(problems.length > 0 ? { problems } : {}), ...(stale ? { stale } : {}) };
      }),
    refresh: ({ nodeId }, ctx) =>
      plainly(async () => {
        const all = nodeId === null || nodeId === INVENTORY_ROOT_ID;
        const failures = await aws.inventory.refresh(all ? null : nodeId);
        // The profiles themselves may have changed (a profile added to ~/.aws/config): tell the root too.
        if (all) ctx.broadcast('inventory', 'changed', { parentId: INVENTORY_ROOT_ID, ...(await profileNodes()) });
        return failures === undefined ? {} : { failures };
      }),
    watch: ({ nodeIds, visible }, ctx) => {
      const { id } = ctx.client;
      if (!watching.has(id)) {
        watching.add(id);
        ctx.client.onClose(() => {
          watching.delete(id);
          aws.inventory.live.unwatch(id);
        });
      }
      aws.inventory.live.watch(id, nodeIds, visible);
      return {};
    },
    filter: ({ query }) => ({ matches: aws.inventory.filter(query).map((m) => ({ node: markNode(m.node), ancestors: m.ancestors })) }),
  };
}
