/**
 * Loaded tree state: children per parent, every loaded node with its parent (for the filter's
 * ancestor paths), and subtree removal for refresh.
 */
import type { InventoryNode } from '../../../shared/contract/inventory.js';
import { searchText } from './nodes.js';

/** Filter results returned at most; the tree cannot usefully show more matches than this. */
export const MAX_FILTER_MATCHES = 500;

export interface FilterMatch {
  readonly node: InventoryNode;
  /** Ancestor ids from the root down, so the tree can reveal the node. */
  readonly ancestors: string[];
}

export class NodeIndex {
  private readonly children = new Map<string, InventoryNode[]>();
  private readonly nodes = new Map<string, { node: InventoryNode; parent: string | null }>();
  /** Children of an invalidated parent until it is listed again: what the new listing lacks then leaves the tree. */
  private readonly previous = new Map<string, InventoryNode[]>();

  /** `gone` is told each id that leaves the tree (a reload or poll no longer lists it, or its parent went). */
  constructor(private readonly gone: (id: string) => void = () => undefined) {}

  /** The roots (profiles) as listed now: one no longer listed leaves, with all that was loaded under it. */
  setRoots(nodes: InventoryNode[]): void {
    const keep = new Set(nodes.map((n) => n.id));
    for (const [id, entry] of [...this.nodes]) {
      if (entry.parent !== null || keep.has(id)) continue;
      this.dropChildren(id);
      this.nodes.delete(id);
      this.gone(id);
    }
    for (const n of nodes) this.nodes.set(n.id, { node: n, parent: null });
  }

  /** Replace a parent's children; children that remain keep what was loaded under them. */
  setChildren(parentId: string, nodes: InventoryNode[]): void {
    const keep = new Set(nodes.map((n) => n.id));
    const before = this.children.get(parentId) ?? this.previous.get(parentId) ?? [];
    this.previous.delete(parentId);
    for (const old of before) {
      if (keep.has(old.id)) continue;
      this.dropChildren(old.id);
      this.nodes.delete(old.id);
      this.gone(old.id);
    }
    this.children.set(parentId, nodes);
    for (const n of nodes) this.nodes.set(n.id, { node: n, parent: parentId });
  }

  childrenOf(parentId: string): InventoryNode[] | undefined {
    return this.children.get(parentId);
  }

  node(id: string): InventoryNode | undefined {
    return this.nodes.get(id)?.node;
  }

  isLoaded(parentId: string): boolean {
    return this.children.has(parentId);
  }

  /** Ids under `parentId` whose children were loaded, parents before children (refresh reloads them in order). */
  loadedBelow(parentId: string): string[] {
    const out: string[] = [];
    const walk = (id: string) => {
      for (const c of this.children.get(id) ?? []) {
        if (this.children.has(c.id)) {
          out.push(c.id);
          walk(c.id);
        }
      }
    };
    walk(parentId);
    return out;
  }

  /** Mark a parent's children stale (reloaded on next access) without forgetting what is below them. */
  invalidate(parentId: string): void {
    const before = this.children.get(parentId);
    if (before !== undefined) this.previous.set(parentId, before);
    this.children.delete(parentId);
  }

  /** Forget everything loaded under a node (the node itself stays). */
  dropChildren(parentId: string): void {
    for (const c of this.children.get(parentId) ?? this.previous.get(parentId) ?? []) {
      this.dropChildren(c.id);
      this.nodes.delete(c.id);
      this.gone(c.id);
    }
    this.children.delete(parentId);
    this.previous.delete(parentId);
  }

  clear(): void {
    for (const id of this.nodes.keys()) this.gone(id);
    this.children.clear();
    this.previous.clear();
    this.nodes.clear();
  }

  ancestors(id: string): string[] {
    const out: string[] = [];
    let parent = this.nodes.get(id)?.parent ?? null;
    while (parent !== null) {
      out.unshift(parent);
      parent = this.nodes.get(parent)?.parent ?? null;
    }
    return out;
  }

  /** Loaded nodes whose names/ids/ARNs contain every whitespace-separated term (case-insensitive). */
  filter(query: string): FilterMatch[] {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length === 0) return [];
    const out: FilterMatch[] = [];
    for (const { node } of this.nodes.values()) {
      const text = searchText(node);
      if (terms.every((t) => text.includes(t))) {
        out.push({ node, ancestors: this.ancestors(node.id) });
        if (out.length >= MAX_FILTER_MATCHES) break;
      }
    }
    return out;
  }
}
