// Turns the gateway's typed refusals into messages a person can act on. The
// codes are the gateway's (docs/accountability.md); anything unknown is shown
// with its own message rather than hidden.

export interface GatewayErrorLike {
  message: string;
  path?: readonly (string | number)[] | undefined;
  extensions?: Readonly<Record<string, unknown>> | undefined;
}

export interface ErrorsLike {
  graphQLErrors: readonly GatewayErrorLike[];
  networkError?: Error | undefined;
}

export interface Refusal {
  code: string;
  title: string;
  /** What the gateway said. */
  detail: string;
  /** What to do about it. */
  advice: string;
  /** `Type.field` for a field-level refusal. */
  field: string | null;
  path: readonly (string | number)[] | null;
}

const KNOWN: Readonly<Record<string, { title: string; advice: string }>> = {
  UNAUTHENTICATED: {
    title: 'Not signed in',
    advice: 'Your token was refused (expired, forged or missing). Sign in again.',
  },
  PURPOSE_REQUIRED: {
    title: 'Purpose and case number required',
    advice: 'Choose a purpose and a case number in the context bar before any request.',
  },
  FORBIDDEN: {
    title: 'Not allowed for your role and purpose',
    advice: 'Your role may not read or do this under the declared purpose.',
  },
  RATE_LIMITED: {
    title: 'Too many requests',
    advice: 'You reached the per-user limit (300 operations a minute). Wait a moment and retry.',
  },
  QUERY_TOO_COMPLEX: {
    title: 'Request too large',
    advice:
      'The request exceeds the gateway’s operation limits. Narrow it (fewer hops, fewer rows).',
  },
  SUBGRAPH_UNAVAILABLE: {
    title: 'A source service is unavailable',
    advice: 'Part of Mosaic did not answer. Retry shortly; what is shown may be incomplete.',
  },
  PAYLOAD_TOO_LARGE: {
    title: 'Request body too large',
    advice: 'Shorten the input and retry.',
  },
  NOT_FOUND: { title: 'Not found', advice: 'Check the id; it may have been merged or purged.' },
  BAD_USER_INPUT: { title: 'Invalid input', advice: 'Correct the highlighted input and retry.' },
  CONFLICT: { title: 'Already under way', advice: 'Reload to see the current state.' },
  SELF_CONFIRMATION: {
    title: 'You cannot confirm your own request',
    advice: 'A second, different reviewer must confirm it.',
  },
  DUPLICATE_CONFIRMATION: {
    title: 'Already reviewed by you',
    advice: 'A different reviewer must give the second confirmation.',
  },
  AUDIT_UNAVAILABLE: {
    title: 'Audit log unavailable',
    advice: 'Nothing is answered while the audit log cannot record it. Retry shortly.',
  },
  CSRF_PREVENTED: {
    title: 'Request refused as cross-site',
    advice: 'Reload the console from its own address.',
  },
};

export function describeRefusal(
  code: string,
  detail: string,
  field: string | null = null,
  path: readonly (string | number)[] | null = null,
): Refusal {
  const known = KNOWN[code];
  return {
    code,
    title: known?.title ?? 'The request failed',
    detail,
    advice: known?.advice ?? 'Retry; if it persists, report the code and message.',
    field,
    path,
  };
}

/** Every refusal in a GraphQL answer (or the network failure), in order. */
export function refusalsOf(errors: ErrorsLike | undefined | null): Refusal[] {
  if (!errors) return [];
  const list = errors.graphQLErrors.map((e) => {
    const code = typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : 'ERROR';
    const field = typeof e.extensions?.['field'] === 'string' ? e.extensions['field'] : null;
    return describeRefusal(code, e.message, field, e.path ?? null);
  });
  if (errors.networkError && list.length === 0) {
    list.push(describeRefusal('NETWORK', errors.networkError.message, null, null));
    const last = list[list.length - 1];
    if (last) {
      last.title = 'The gateway could not be reached';
      last.advice = 'Check that Mosaic is running (npm start) and retry.';
    }
  }
  return list;
}

/** Refusals that stopped the whole answer (no path), as opposed to one hidden field. */
export const wholeRefusals = (refusals: readonly Refusal[]) =>
  refusals.filter((r) => r.path === null || r.path.length <= 1);

/** The refusal of one field at `path` (numbers match any index), if the gateway refused it. */
export function fieldRefusalAt(
  refusals: readonly Refusal[],
  path: readonly (string | number)[],
): Refusal | null {
  return (
    refusals.find(
      (r) =>
        r.path !== null &&
        r.path.length === path.length &&
        r.path.every((part, i) => part === path[i]),
    ) ?? null
  );
}
