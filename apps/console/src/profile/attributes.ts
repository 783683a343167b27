import type { AttributeKind, PersonProfileQuery } from '../gql/graphql';

type Person = NonNullable<PersonProfileQuery['person']>;
type Attributes = Person['attributes'];
export type AttestedValue = Attributes['names'][number] | Attributes['datesOfBirth'][number];

export interface AttributeGroup {
  kind: AttributeKind;
  label: string;
  values: AttestedValue[];
  /** Single-valued in life (a name, a birth date): more than one value is a conflict to show. */
  conflict: boolean;
}

const GROUPS: readonly {
  key: keyof Attributes;
  kind: AttributeKind;
  label: string;
  single: boolean;
}[] = [
  { key: 'names', kind: 'NAME', label: 'Names', single: true },
  { key: 'datesOfBirth', kind: 'DATE_OF_BIRTH', label: 'Dates of birth', single: true },
  { key: 'sexes', kind: 'SEX', label: 'Sex', single: true },
  { key: 'nationalities', kind: 'NATIONALITY', label: 'Nationalities', single: false },
  { key: 'documents', kind: 'DOCUMENT', label: 'Documents', single: false },
  { key: 'phones', kind: 'PHONE', label: 'Phones', single: false },
  { key: 'addresses', kind: 'ADDRESS', label: 'Addresses', single: false },
  { key: 'vehicles', kind: 'VEHICLE', label: 'Vehicles', single: false },
];

/** Most supported first: more records, then more sources, then the latest seen. */
export function bySupport(a: AttestedValue, b: AttestedValue): number {
  const lastSeen = (v: AttestedValue) =>
    v.provenance.reduce((latest, p) => (p.lastSeen > latest ? p.lastSeen : latest), '');
  return (
    b.support.records - a.support.records ||
    b.support.sources.length - a.support.sources.length ||
    lastSeen(b).localeCompare(lastSeen(a))
  );
}

/** The person's attributes in display order, values by support, conflicts flagged. */
export function attributeGroups(attributes: Attributes): AttributeGroup[] {
  return GROUPS.map(({ key, kind, label, single }) => {
    const values = [...(attributes[key] as AttestedValue[])].sort(bySupport);
    return { kind, label, values, conflict: single && values.length > 1 };
  });
}
