import {
  AccessError,
  checkField,
  effectiveRoles,
  FIELD_ACCESS,
  fieldRule,
  requireDeepLinkAnalysis,
  ROLES,
  type Purpose,
  type Role,
} from '../index';

const as = (roles: Role[], purpose: Purpose = 'CASE_INVESTIGATION') => ({ roles, purpose });

describe('the role × field matrix', () => {
  it('lets investigators read personal data and keeps OVERSIGHT and ADMIN out of it', () => {
    for (const role of ['ANALYST', 'OFFICER', 'REVIEWER', 'SUPERVISOR'] as const) {
      expect(checkField(as([role]), 'Person', 'attributes')).toBeNull();
      expect(checkField(as([role]), 'TravelEncounter', 'traveler')).toBeNull();
    }
    expect(checkField(as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'), 'Person', 'attributes')?.code).toBe(
      'FORBIDDEN',
    );
    expect(checkField(as(['ADMIN'], 'DATA_QUALITY'), 'SeizureSubject', 'surname')?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('keeps narratives and item details for SUPERVISOR', () => {
    const refused = checkField(as(['ANALYST']), 'SeizureCase', 'narrative');
    expect(refused).toBeInstanceOf(AccessError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', field: 'SeizureCase.narrative' });
    expect(refused?.reason).toMatch(/SeizureCase\.narrative is open to SUPERVISOR/);
    expect(checkField(as(['OFFICER']), 'SeizureItem', 'description')?.field).toBe(
      'SeizureItem.description',
    );
    expect(checkField(as(['SUPERVISOR']), 'SeizureCase', 'narrative')).toBeNull();
    expect(checkField(as(['SUPERVISOR']), 'SeizureItem', 'description')).toBeNull();
    // The rest of the case stays readable to an analyst.
    expect(checkField(as(['ANALYST']), 'SeizureCase', 'caseNumber')).toBeNull();
  });

  it('gives field rules precedence over the type default', () => {
    expect(fieldRule('Person', 'neighbors')?.roles).toEqual(['ANALYST', 'REVIEWER', 'SUPERVISOR']);
    expect(fieldRule('Person', 'id')?.roles).toContain('OFFICER');
    expect(checkField(as(['OFFICER']), 'Person', 'neighbors')?.code).toBe('FORBIDDEN');
  });

  it('refuses a field it does not classify (fail closed)', () => {
    const error = checkField(as([...ROLES]), 'Query', 'allPersons');
    expect(error).toMatchObject({ code: 'FORBIDDEN', field: 'Query.allPersons' });
    expect(error?.reason).toMatch(/no access rule/);
    expect(fieldRule('Query', 'allPersons')).toBeNull();
  });

  it('limits operations by role', () => {
    expect(checkField(as(['ANALYST']), 'Mutation', 'recordTravelEncounter')?.code).toBe(
      'FORBIDDEN',
    );
    expect(checkField(as(['OFFICER']), 'Mutation', 'recordTravelEncounter')).toBeNull();
    expect(checkField(as(['ADMIN'], 'DATA_QUALITY'), 'Mutation', 'recordSeizureCase')).toBeNull();
    expect(checkField(as(['ANALYST']), 'Mutation', 'confirmVerification')?.code).toBe('FORBIDDEN');
    expect(checkField(as(['REVIEWER']), 'Mutation', 'confirmVerification')).toBeNull();
    expect(checkField(as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'), 'Query', 'auditEntries')).toBeNull();
    expect(checkField(as(['SUPERVISOR']), 'Query', 'auditEntries')?.code).toBe('FORBIDDEN');
    expect(checkField(as(['OVERSIGHT'], 'OVERSIGHT_AUDIT'), 'Mutation', 'fileDispute')).toBeNull();
  });

  it('counts only the roles open to the declared purpose', () => {
    // An auditor who is also an analyst reads no personal data while auditing.
    expect(effectiveRoles(as(['ANALYST', 'OVERSIGHT'], 'OVERSIGHT_AUDIT'))).toEqual(['OVERSIGHT']);
    expect(
      checkField(as(['ANALYST', 'OVERSIGHT'], 'OVERSIGHT_AUDIT'), 'Person', 'attributes')?.code,
    ).toBe('FORBIDDEN');
    expect(checkField(as(['ANALYST', 'OVERSIGHT']), 'Person', 'attributes')).toBeNull();
  });

  it('names only known roles', () => {
    const rules = [...Object.values(FIELD_ACCESS.types), ...Object.values(FIELD_ACCESS.fields)];
    for (const rule of rules) for (const role of rule.roles) expect(ROLES).toContain(role);
  });
});

describe('requireDeepLinkAnalysis', () => {
  it('needs CASE_INVESTIGATION', () => {
    expect(() => requireDeepLinkAnalysis(as(['ANALYST']), 'Person.paths')).not.toThrow();
    for (const purpose of ['DATA_QUALITY', 'IDENTITY_VERIFICATION'] as const) {
      let error: unknown;
      try {
        requireDeepLinkAnalysis(as(['SUPERVISOR'], purpose), 'Person.neighbors');
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ code: 'FORBIDDEN', field: 'Person.neighbors' });
      expect((error as AccessError).reason).toMatch(/CASE_INVESTIGATION/);
    }
    expect(() => requireDeepLinkAnalysis(null, 'Person.paths')).toThrow(AccessError);
  });
});
