import { RequestBudget } from '../request-budget';

describe('the budget of one subgraph request', () => {
  it('stops after maxFields, with one QUERY_TOO_COMPLEX error naming the limit', () => {
    const budget = new RequestBudget({ maxFields: 3, maxMilliseconds: 60_000 });
    expect([budget.spend(), budget.spend(), budget.spend(), budget.spend()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(budget.exceeded?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'maxFields' });
    const first = budget.exceeded;
    expect(budget.spend()).toBe(false);
    // The same error object serves every later field: a stopped request allocates nothing more.
    expect(budget.exceeded).toBe(first);
  });

  it('stops once the time is spent, checked every 64 fields', () => {
    let now = 0;
    const budget = new RequestBudget({ maxFields: 1_000, maxMilliseconds: 100 }, () => now);
    for (let i = 0; i < 63; i += 1) expect(budget.spend()).toBe(true);
    now = 101;
    expect(budget.spend()).toBe(false);
    expect(budget.exceeded?.extensions).toMatchObject({ limit: 'maxMilliseconds' });
  });
});
