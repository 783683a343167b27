import { formatGatewayError } from '../gateway-graphql';

describe('gateway errors as a client sees them', () => {
  it('keeps "did you mean" hints only while introspection is on', () => {
    const hinted = {
      message: 'Cannot query field "persn" on type "Query". Did you mean "person"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    };
    expect(formatGatewayError(hinted, undefined, { suggestions: true }).message).toBe(
      hinted.message,
    );
    expect(formatGatewayError(hinted, undefined, { suggestions: false }).message).toBe(
      'Cannot query field "persn" on type "Query".',
    );
  });

  it.each([
    [
      "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header",
      'CSRF_PREVENTED',
    ],
    ['Operation batching disabled.', 'BATCH_NOT_ALLOWED'],
    ['Apollo Server supports only GET/POST requests.', 'METHOD_NOT_ALLOWED'],
    ['GET requests only support query operations, not mutation operations', 'METHOD_NOT_ALLOWED'],
  ])('names the reason of an HTTP-level refusal (%s → %s)', (message, code) => {
    expect(formatGatewayError({ message, extensions: { code: 'BAD_REQUEST' } })).toEqual({
      message,
      extensions: { code },
    });
  });

  it('leaves other bad requests as BAD_REQUEST', () => {
    const other = { message: 'POST body missing', extensions: { code: 'BAD_REQUEST' } };
    expect(formatGatewayError(other)).toEqual(other);
  });
});
