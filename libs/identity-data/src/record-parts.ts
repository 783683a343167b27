/**
 * The parts a person's records fall into when held together only by these
 * links (its connected components). A link touching a record not in
 * `records` holds nothing together. `records` in insertion order (oldest
 * first) gives parts ordered by their oldest record, each in insertion
 * order: the first part is the one that keeps the person's id.
 */
export function connectedParts(
  records: readonly string[],
  edges: readonly { a: string; b: string }[],
): string[][] {
  const parent = new Map(records.map((r) => [r, r]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  for (const e of edges) {
    if (!parent.has(e.a) || !parent.has(e.b)) continue;
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const groups = new Map<string, string[]>();
  for (const r of records) {
    const root = find(r);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  }
  return [...groups.values()];
}
