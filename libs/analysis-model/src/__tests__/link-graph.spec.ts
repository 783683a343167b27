import {
  AnalysisQueryError,
  EDGE_TYPES,
  GRAPH_LIMITS,
  validateCoTravelQuery,
  validateNeighbourQuery,
  validatePathQuery,
} from '..';

const A = '0F3C2A10-0000-4000-8000-000000000001';
const B = '0f3c2a10-0000-4000-8000-000000000002';

const issues = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalysisQueryError) return error.issues;
    throw error;
  }
  throw new Error('accepted');
};

describe('link analysis requests', () => {
  it('reads a neighbourhood request the same way however it was written', () => {
    expect(
      validateNeighbourQuery({
        personId: A,
        hops: 2,
        edgeTypes: ['SHARED_PHONE', 'CO_SUBJECT', 'SHARED_PHONE'],
        window: { from: new Date('2024-01-01T00:00:00Z'), to: '2024-06-30T12:00:00+02:00' },
      }),
    ).toEqual({
      personId: A.toLowerCase(),
      hops: 2,
      edgeTypes: ['CO_SUBJECT', 'SHARED_PHONE'],
      window: { from: '2024-01-01T00:00:00.000Z', to: '2024-06-30T10:00:00.000Z' },
    });
    expect(validateNeighbourQuery({ personId: B, hops: 1 }).edgeTypes).toEqual(EDGE_TYPES);
    expect(validateCoTravelQuery({ personId: B }).windowMinutes).toBe(
      GRAPH_LIMITS.defaultCoTravelMinutes,
    );
  });

  it('names every problem at once, and clamps none', () => {
    expect(
      issues(() =>
        validateNeighbourQuery({
          personId: 'P00000001',
          hops: 9,
          edgeTypes: ['KNOWS'],
          window: { from: '2024-13-45' },
          maxNodes: 0,
        }),
      ).map((i) => i.field),
    ).toEqual(['personId', 'hops', 'edgeTypes', 'from', 'maxNodes']);
    expect(
      issues(() => validatePathQuery({ from: A, to: A.toLowerCase(), maxHops: 5 })).map(
        (i) => i.field,
      ),
    ).toEqual(['maxHops', 'to']);
    expect(issues(() => validateCoTravelQuery({ personId: B, windowMinutes: 90.5 }))).toEqual([
      { field: 'windowMinutes', reason: 'must be an integer from 1 to 1440' },
    ]);
  });
});
