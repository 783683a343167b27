import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { QUERY_TOO_COMPLEX } from './limits/query-too-complex';

/** How much one request may make a subgraph do. */
export interface RequestBudgetLimits {
  /** Fields resolved (every object and scalar of the answer): what the answer's size grows with. */
  maxFields: number;
  /** Wall time from the start of the request; below the gateway's subgraph timeout. */
  maxMilliseconds: number;
}

/**
 * A subgraph request's budget. The static rules refuse what is visibly too
 * big; this stops what only turns out big while running (wide lists inside
 * lists), before it holds the process's heap. The largest answers Mosaic's
 * own clients and benchmarks ask for resolve well under a tenth of it.
 */
export const SUBGRAPH_REQUEST_BUDGET: RequestBudgetLimits = {
  maxFields: 200_000,
  maxMilliseconds: 20_000,
};

/** How often (in fields) the clock is read: reading it per field would cost more than the check. */
const CLOCK_EVERY = 64;

/**
 * Counts what one request resolves. Once spent, `spend` keeps answering
 * false, with one error to throw for every field after that: no subtree is
 * descended into, and one error object serves every path.
 */
export class RequestBudget {
  private fields = 0;
  private readonly deadline: number;
  /** Why the request was stopped; null while within budget. */
  exceeded: GraphQLError | null = null;

  constructor(
    readonly limits: RequestBudgetLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + limits.maxMilliseconds;
  }

  /** Counts one field. False once the budget is spent (see `exceeded`). */
  spend(): boolean {
    if (this.exceeded) return false;
    this.fields += 1;
    if (this.fields > this.limits.maxFields) {
      return this.stop(
        `The operation is too complex: it resolved more than ${this.limits.maxFields} fields; ask for less in one operation`,
        'maxFields',
      );
    }
    if (this.fields % CLOCK_EVERY === 0 && this.now() > this.deadline) {
      return this.stop(
        `The operation is too complex: it ran longer than ${this.limits.maxMilliseconds} ms; ask for less in one operation`,
        'maxMilliseconds',
      );
    }
    return true;
  }

  private stop(message: string, limit: string): false {
    // A path already set: graphql-js then reuses this error for every field instead of copying it.
    this.exceeded = new GraphQLError(message, {
      path: [],
      extensions: { code: QUERY_TOO_COMPLEX, limit },
    });
    return false;
  }
}

/**
 * A request stopped by its budget answers one QUERY_TOO_COMPLEX error and no
 * data: a partial answer cut where the budget ran out would look whole.
 */
export function requestBudgetPlugin(): ApolloServerPlugin<{ budget?: RequestBudget }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const exceeded = contextValue.budget?.exceeded;
          if (!exceeded || response.body.kind !== 'single') return;
          const { extensions } = response.body.singleResult;
          response.body.singleResult = {
            errors: [{ message: exceeded.message, extensions: { ...exceeded.extensions } }],
            ...(extensions ? { extensions } : {}),
          };
        },
      };
    },
  };
}
