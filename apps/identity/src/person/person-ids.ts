import { badUserInputError } from '@mosaic/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Source record ids are the sources' own (letters, digits and a few separators).
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;

export const isPersonId = (id: string): boolean => UUID.test(id);

/** A person id as stored (lower-case UUID), or a typed BAD_USER_INPUT naming the argument. */
export function parsePersonId(id: string, field = 'id'): string {
  if (!UUID.test(id)) throw badUserInputError(field, 'must be a person id (a UUID)');
  return id.toLowerCase();
}

/** Any of identity's own ids (a decision, a verification request, a dispute), stored lower-case. */
export function parseUuid(id: string, field: string, what: string): string {
  if (!UUID.test(id)) throw badUserInputError(field, `must be ${what} (a UUID)`);
  return id.toLowerCase();
}

export function parseRecordId(id: string, field = 'recordId'): string {
  if (!RECORD_ID.test(id)) {
    throw badUserInputError(
      field,
      'must be a source record id: 1–128 letters, digits or . _ : / -, starting with a letter or digit',
    );
  }
  return id;
}
