import { parseColumnMap } from '../column-map';
import { LinkInputError } from '../link-errors';
import { readDateOfBirth, readNationality, readSex, splitFullName } from '../tabular-record';

describe('reading tabular values', () => {
  it('splits a full name on a comma as "SURNAME, Given", otherwise before the last word', () => {
    expect(splitFullName('GARCIA LOPEZ, Maria Jose')).toEqual({
      given: 'Maria Jose',
      surname: 'GARCIA LOPEZ',
    });
    expect(splitFullName('Maria Jose Garcia')).toEqual({ given: 'Maria Jose', surname: 'Garcia' });
    expect(splitFullName('  Madonna ')).toEqual({ given: null, surname: 'Madonna' });
    expect(splitFullName('OKAFOR,')).toEqual({ given: null, surname: 'OKAFOR' });
  });

  it('reads the usual ways of writing a date of birth, and says when it cannot', () => {
    expect(readDateOfBirth('1990-03-07')).toEqual({ value: '1990-03-07', issue: null });
    expect(readDateOfBirth('1990/3/7')).toEqual({ value: '1990-03-07', issue: null });
    expect(readDateOfBirth('19900307')).toEqual({ value: '1990-03-07', issue: null });
    expect(readDateOfBirth('07.03.1990')).toEqual({ value: '1990-03-07', issue: null });
    expect(readDateOfBirth('1990-03-07T00:00:00Z')).toEqual({ value: '1990-03-07', issue: null });
    expect(readDateOfBirth('1990-03')).toEqual({ value: '1990-03', issue: null });
    expect(readDateOfBirth('1990')).toEqual({ value: '1990', issue: null });
    // Month first, day over 12: the swap is undone rather than the date lost.
    expect(readDateOfBirth('03/25/1990')).toEqual({ value: '1990-03-25', issue: null });
    expect(readDateOfBirth('1990-02-31')).toEqual({
      value: '1990-02',
      issue: 'dob "1990-02-31" is not a valid date; compared on 1990-02 only',
    });
    expect(readDateOfBirth('unknown')).toEqual({
      value: null,
      issue: 'dob "unknown" is not a date; linked without it',
    });
  });

  it('reads sex and nationality codes, keeping what it cannot read visible', () => {
    expect(readSex('female')).toEqual({ value: 'F', issue: null });
    expect(readSex('1')).toEqual({ value: 'M', issue: null });
    expect(readSex('U')).toEqual({ value: null, issue: null });
    expect(readSex('yes').issue).toBe('sex "yes" is not M, F or X; linked without it');
    expect(readNationality('col')).toEqual({ value: 'COL', issue: null });
    expect(readNationality('DE')).toEqual({ value: 'DEU', issue: null });
    expect(readNationality('Colombia')).toEqual({ value: 'COL', issue: null });
    expect(readNationality('Atlantis')).toEqual({
      value: 'ATLANTIS',
      issue: 'nationality "Atlantis" is not an ISO 3166 code or country name; compared as written',
    });
  });

  it('reads --map and rejects what it cannot use, naming it', () => {
    const map = parseColumnMap(['given_name=First,given_name=Middle', 'surname=Last, dob = Born ']);
    expect([...map]).toEqual([
      ['given_name', ['First', 'Middle']],
      ['surname', ['Last']],
      ['dob', ['Born']],
    ]);
    const error = (specs: string[]) => {
      try {
        parseColumnMap(specs);
      } catch (e) {
        return e instanceof LinkInputError ? `${e.code}: ${e.message}` : String(e);
      }
      return 'no error';
    };
    expect(error(['name=Full'])).toMatch(/^UNKNOWN_MAP_TARGET: .*"name"/);
    expect(error(['dob=A,dob=B'])).toMatch(/^BAD_MAP: .*dob is mapped twice/);
    expect(error(['full_name=N,surname=S'])).toMatch(/^BAD_MAP: .*full_name/);
    expect(error(['id=Key'])).toMatch(/^BAD_MAP: --map names no field to link on/);
    expect(error(['given_name'])).toMatch(/^BAD_MAP: --map expects target=column/);
  });
});
