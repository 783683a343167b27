import { cacheExchange, Client, fetchExchange } from 'urql';

/** What every request carries: who asks, why, and for which case. */
export interface Access {
  token: string;
  purpose: string;
  caseNumber: string;
}

/** The headers of one gateway request (JSON only: the gateway refuses anything CSRF-like). */
export function accessHeaders(access: Access): Record<string, string> {
  return {
    authorization: `Bearer ${access.token}`,
    'x-mosaic-purpose': access.purpose,
    'x-mosaic-case': access.caseNumber,
  };
}

/**
 * The GraphQL client of one signed-in context. It exists only once a purpose
 * and a case are chosen, so no request can leave without them. POST only:
 * urql would otherwise send short queries as GET, which the gateway's CSRF
 * protection refuses.
 */
export function createGatewayClient(gatewayUrl: string, access: Access): Client {
  if (!access.token || !access.purpose || !access.caseNumber) {
    throw new Error('a request needs a token, a purpose and a case number');
  }
  return new Client({
    url: gatewayUrl,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: accessHeaders(access), credentials: 'omit' }),
  });
}
