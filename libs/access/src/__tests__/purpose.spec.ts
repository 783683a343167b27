import {
  AccessError,
  accessHeaders,
  CASE_HEADER,
  parsePurpose,
  PURPOSE_HEADER,
  type Role,
} from '../index';

function refusal(run: () => unknown): AccessError {
  try {
    run();
  } catch (error) {
    if (error instanceof AccessError) return error;
    throw error;
  }
  throw new Error('expected an AccessError');
}

const analyst = { roles: ['ANALYST'] as Role[] };

describe('parsePurpose', () => {
  it('returns the declared purpose and case', () => {
    expect(parsePurpose('CASE_INVESTIGATION', 'CASE-2026-000123', analyst)).toEqual({
      purpose: 'CASE_INVESTIGATION',
      caseNumber: 'CASE-2026-000123',
    });
  });

  it('names the missing or invalid header (PURPOSE_REQUIRED)', () => {
    const cases: Array<[unknown, unknown, RegExp]> = [
      [undefined, 'CASE-2026-1', new RegExp(`${PURPOSE_HEADER} header is missing`)],
      ['', 'CASE-2026-1', new RegExp(`${PURPOSE_HEADER} header is missing`)],
      [
        'BROWSING',
        'CASE-2026-1',
        new RegExp(`${PURPOSE_HEADER} header "BROWSING" is not a purpose`),
      ],
      ['case_investigation', 'CASE-2026-1', /is not a purpose/],
      ['CASE_INVESTIGATION', undefined, new RegExp(`${CASE_HEADER} header is missing`)],
      [
        'CASE_INVESTIGATION',
        'case-2026-1',
        new RegExp(`${CASE_HEADER} header "case-2026-1" is not a case number`),
      ],
      ['CASE_INVESTIGATION', "CASE-2026-1' OR 1=1", /is not a case number/],
      ['CASE_INVESTIGATION', 'CASE-2026-123456789', /is not a case number/],
      ['CASE_INVESTIGATION', 'C-2026-1', /is not a case number/],
    ];
    for (const [purpose, caseNumber, reason] of cases) {
      const error = refusal(() => parsePurpose(purpose as string, caseNumber as string, analyst));
      expect({ purpose, caseNumber, code: error.code, reason: error.reason }).toEqual({
        purpose,
        caseNumber,
        code: 'PURPOSE_REQUIRED',
        reason: expect.stringMatching(reason),
      });
    }
  });

  it('refuses a purpose the roles may not use (FORBIDDEN)', () => {
    const cases: Array<[Role[], string]> = [
      [['OVERSIGHT'], 'CASE_INVESTIGATION'],
      [['OVERSIGHT'], 'DATA_QUALITY'],
      [['ANALYST'], 'OVERSIGHT_AUDIT'],
      [['ANALYST'], 'IDENTITY_VERIFICATION'],
      [['ADMIN'], 'CASE_INVESTIGATION'],
      [['OFFICER'], 'DATA_QUALITY'],
    ];
    for (const [roles, purpose] of cases) {
      const error = refusal(() => parsePurpose(purpose, 'CASE-2026-1', { roles }));
      expect({ roles, purpose, code: error.code }).toEqual({ roles, purpose, code: 'FORBIDDEN' });
    }
  });

  it('lets each role use the purposes the policy gives it', () => {
    const allowed: Array<[Role, string]> = [
      ['OVERSIGHT', 'OVERSIGHT_AUDIT'],
      ['ADMIN', 'DATA_QUALITY'],
      ['REVIEWER', 'DATA_QUALITY'],
      ['OFFICER', 'IDENTITY_VERIFICATION'],
      ['SUPERVISOR', 'CASE_INVESTIGATION'],
    ];
    for (const [role, purpose] of allowed) {
      expect(parsePurpose(purpose, 'MIG-2025-7', { roles: [role] }).purpose).toBe(purpose);
    }
  });
});

describe('accessHeaders', () => {
  it('are what parsePurpose and bearerToken read', () => {
    const headers = accessHeaders({
      token: 't.o.k',
      purpose: 'DATA_QUALITY',
      caseNumber: 'DQ-2026-1',
    });
    expect(headers).toEqual({
      authorization: 'Bearer t.o.k',
      'x-mosaic-purpose': 'DATA_QUALITY',
      'x-mosaic-case': 'DQ-2026-1',
    });
    expect(
      parsePurpose(headers[PURPOSE_HEADER], headers[CASE_HEADER], { roles: ['ADMIN'] }),
    ).toEqual({
      purpose: 'DATA_QUALITY',
      caseNumber: 'DQ-2026-1',
    });
  });
});
