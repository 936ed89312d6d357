/** What a unit of an organisation chart needs for its place in the tree. */
export interface TreeNode {
  id: string;
  code: string;
  parentId: string | null;
  sortOrder: number;
}

export interface Placed<N extends TreeNode> {
  node: N;
  /** Codes from the root down to this node, both included. */
  path: string[];
  depth: number;
}

/**
 * Orders the units of one chart as the tree is drawn: each parent before its children, siblings by
 * `sortOrder`, then by code. Units whose parent is missing are roots; a unit on a cycle (which the
 * writes refuse) is never reached and so never listed.
 */
export function orderAsTree<N extends TreeNode>(nodes: readonly N[]): Placed<N>[] {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string | null, N[]>();
  for (const node of nodes) {
    const parentKey = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    const siblings = children.get(parentKey) ?? [];
    siblings.push(node);
    children.set(parentKey, siblings);
  }
  const bySortOrder = (a: N, b: N) => a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const ordered: Placed<N>[] = [];
  const visit = (parentKey: string | null, parentPath: string[]) => {
    for (const node of (children.get(parentKey) ?? []).sort(bySortOrder)) {
      const path = [...parentPath, node.code];
      ordered.push({ node, path, depth: path.length - 1 });
      visit(node.id, path);
    }
  };
  visit(null, []);
  return ordered;
}

/** Whether `candidateId` is `nodeId` itself or lies below it: moving `nodeId` there would close a cycle. */
export function isSelfOrDescendant(nodes: readonly TreeNode[], nodeId: string, candidateId: string): boolean {
  const parentOf = new Map(nodes.map((node) => [node.id, node.parentId]));
  const seen = new Set<string>();
  for (let current: string | null | undefined = candidateId; current; current = parentOf.get(current)) {
    if (current === nodeId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
  }
  return false;
}
