import { remainderAfterPurge } from '../person-parts';

const edge = (a: string, b: string) => ({ a, b });

describe('remainderAfterPurge', () => {
  it('splits records that were tied together only through a purged record', () => {
    // d—a—b—c with b purged: {d, a} and {c}; the part with the oldest record (d) keeps the person.
    expect(
      remainderAfterPurge(
        ['d', 'a', 'b', 'c'],
        [edge('a', 'b'), edge('b', 'c'), edge('d', 'a')],
        new Set(['b']),
      ),
    ).toEqual({ kind: 'SPLIT', removed: ['b'], kept: ['d', 'a'], splitOff: [['c']] });
  });

  it('keeps a person whole when another link still holds its records together', () => {
    expect(
      remainderAfterPurge(
        ['a', 'b', 'c'],
        [edge('a', 'b'), edge('b', 'c'), edge('a', 'c')],
        new Set(['b']),
      ),
    ).toEqual({ kind: 'INTACT', removed: ['b'], kept: ['a', 'c'] });
  });

  it('leaves nothing when every record is purged', () => {
    expect(remainderAfterPurge(['a', 'b'], [edge('a', 'b')], new Set(['a', 'b', 'x']))).toEqual({
      kind: 'EMPTY',
      removed: ['a', 'b'],
    });
  });
});
