import { renderToStaticMarkup } from 'react-dom/server';
import { fieldRefusalAt, refusalsOf, wholeRefusals } from '../api/refusals';
import { HiddenField, RefusalNotice } from '../components/refusal-notice';
import { highlightSegments } from '../search/highlight';
import { identityFromToken, purposesFor } from '../session/identity';

describe('refusals', () => {
  const narrative = {
    message:
      'SeizureCase.narrative is open to SUPERVISOR; OFFICER under CASE_INVESTIGATION may not read it',
    path: ['person', 'seizureRecords', 0, 'case', 'narrative'],
    extensions: { code: 'FORBIDDEN', field: 'SeizureCase.narrative' },
  };

  it('names the code, the gateway’s reason and what to do', () => {
    const [r] = refusalsOf({
      graphQLErrors: [{ message: 'no purpose', extensions: { code: 'PURPOSE_REQUIRED' } }],
    });
    expect(r).toMatchObject({
      code: 'PURPOSE_REQUIRED',
      title: 'Purpose and case number required',
      detail: 'no purpose',
    });
    const html = renderToStaticMarkup(
      <RefusalNotice
        refusals={refusalsOf({
          graphQLErrors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED' } }],
        })}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('RATE_LIMITED');
    expect(html).toContain('Too many requests');
  });

  it('tells a hidden field from a refused request', () => {
    const refusals = refusalsOf({ graphQLErrors: [narrative] });
    expect(wholeRefusals(refusals)).toEqual([]);
    const hidden = fieldRefusalAt(refusals, ['person', 'seizureRecords', 0, 'case', 'narrative']);
    expect(hidden?.field).toBe('SeizureCase.narrative');
    expect(
      fieldRefusalAt(refusals, ['person', 'seizureRecords', 1, 'case', 'narrative']),
    ).toBeNull();
    const html = renderToStaticMarkup(<HiddenField refusal={hidden!} what="Narrative" />);
    expect(html).toContain('Narrative hidden');
    expect(html).toContain('open to SUPERVISOR');
  });

  it('reports an unreachable gateway as such', () => {
    const [r] = refusalsOf({ graphQLErrors: [], networkError: new Error('Failed to fetch') });
    expect(r?.title).toBe('The gateway could not be reached');
  });
});

describe('sign-in and search helpers', () => {
  const jwt = (claims: object) =>
    `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

  it('reads the user and roles a token claims, and the purposes they may declare', () => {
    const identity = identityFromToken(jwt({ sub: 'demo.officer', roles: ['OFFICER'], exp: 10 }));
    expect(identity).toMatchObject({ user: 'demo.officer', roles: ['OFFICER'], expiresAt: 10 });
    expect(() => identityFromToken('not-a-token')).toThrow(/not a JWT/);
    expect(
      purposesFor(identity.roles, {
        CASE_INVESTIGATION: ['ANALYST', 'OFFICER'],
        OVERSIGHT_AUDIT: ['OVERSIGHT'],
      }),
    ).toEqual(['CASE_INVESTIGATION']);
  });

  it('highlights the query’s words in a matched value, case and accents aside', () => {
    expect(highlightSegments('HANA HASSAN', 'hassan')).toEqual([
      { text: 'HANA ', hit: false },
      { text: 'HASSAN', hit: true },
    ]);
    expect(highlightSegments('José Núñez', 'nunez')).toEqual([
      { text: 'José ', hit: false },
      { text: 'Núñez', hit: true },
    ]);
    expect(highlightSegments('1989-08-09', '')).toEqual([{ text: '1989-08-09', hit: false }]);
  });
});
