import { ExactCandidateIndex, pairedBlockingKeys, type IndexedRecord } from '..';

const withPairs = (keys: string[]) => [...keys, ...pairedBlockingKeys(keys)];

const record = (key: string, keys: string[]): IndexedRecord => ({
  key,
  face: null,
  fingers: [],
  blockingKeys: withPairs(keys),
});

describe('term-frequency aware blocking (common keys count only with a second key)', () => {
  it('pairs every name key with every other, never a document key', () => {
    expect(pairedBlockingKeys(['nny:JN+SM|1980', 'doc:X1', 'nd:JN|1980-1-2'])).toEqual([
      'nd:JN|1980-1-2&nny:JN+SM|1980',
    ]);
    expect(pairedBlockingKeys(['c', 'a', 'b'])).toEqual(['a&b', 'a&c', 'b&c']);
    expect(pairedBlockingKeys(['doc:X1'])).toEqual([]);
  });

  it('drops a common key alone but keeps a pair that agrees on a second key', async () => {
    const index = new ExactCandidateIndex();
    await index.upsert([
      // Nine namesakes born the same year: a common block.
      ...Array.from({ length: 9 }, (_, i) =>
        record(`namesake-${i}`, ['nny:JN+SM|1980', `nd:JN|1980-${i + 1}-20`]),
      ),
      // The same name and year and the same full date: agrees on two keys.
      record('same-date', ['nny:JN+SM|1980', 'nd:JN|1980-3-4']),
      // Only the rare key (a surname typo changed the name pair): its block is small.
      record('typo', ['nny:JN+SN|1980', 'nd:JN|1980-3-4']),
    ]);
    const [result] = await index.search(
      [
        {
          key: 'me',
          face: null,
          fingers: [],
          blockingKeys: withPairs(['nny:JN+SM|1980', 'nd:JN|1980-3-4']),
        },
      ],
      { k: 5, maxBlockSize: 4, oversizedBlocks: 'DROP' },
    );
    expect(result?.oversizedBlocks).toEqual(['nny:JN+SM|1980']);
    expect(result?.candidates.map((c) => c.key).sort()).toEqual(['same-date', 'typo']);
  });

  it('cuts instead of dropping by default, as before', async () => {
    const index = new ExactCandidateIndex();
    await index.upsert(
      Array.from({ length: 9 }, (_, i) => record(`namesake-${i}`, ['nny:JN+SM|1980'])),
    );
    const [result] = await index.search(
      [{ key: 'me', face: null, fingers: [], blockingKeys: ['nny:JN+SM|1980'] }],
      { k: 5, maxBlockSize: 4 },
    );
    expect(result?.candidates).toHaveLength(4);
  });
});
