import { connectedParts } from '../record-parts';

const edge = (a: string, b: string) => ({ a, b });

describe('connectedParts', () => {
  it('orders the parts by their oldest record, each part in insertion order', () => {
    // c—a and d—b: the part holding the oldest record (c) comes first.
    expect(connectedParts(['c', 'd', 'a', 'b'], [edge('b', 'd'), edge('a', 'c')])).toEqual([
      ['c', 'a'],
      ['d', 'b'],
    ]);
  });

  it('lets no link through a record outside the set hold records together', () => {
    expect(connectedParts(['a', 'c'], [edge('a', 'b'), edge('b', 'c')])).toEqual([['a'], ['c']]);
  });
});
