import type { PersonTimelineQuery } from '../gql/graphql';

type Person = NonNullable<PersonTimelineQuery['person']>;
type SeizureCase = Person['seizureRecords'][number]['case'];

export interface TimelineEntry {
  at: string;
  source: 'TRAVEL' | 'SEIZURE' | 'FINGERPRINT';
  recordId: string;
  title: string;
  detail: string;
  /** SEIZURE: the case, and its index in seizureRecords (for the narrative's refusal path). */
  seizure: { case: SeizureCase; index: number } | null;
}

/** Encounters, seizure events and enrollments on one time line, newest first. */
export function timelineOf(person: Person): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...person.travelEncounters.map((e): TimelineEntry => ({
      at: e.encounteredAt,
      source: 'TRAVEL',
      recordId: e.id,
      title: `${e.direction === 'ARRIVAL' ? 'Arrival at' : 'Departure from'} ${e.port}`,
      detail: `${e.carrier} ${e.flight}`,
      seizure: null,
    })),
    ...person.seizureRecords.flatMap((s, index) =>
      (s.case.events.length ? s.case.events : [null]).map((event): TimelineEntry => ({
        at: event?.occurredAt ?? s.case.openedAt,
        source: 'SEIZURE',
        recordId: s.id,
        title: `${event ? event.type.toLowerCase() : 'case opened'} — case ${s.case.caseNumber} (${s.role.toLowerCase()})`,
        detail: `${s.case.agency}${event ? ` · ${event.location}` : ''}`,
        seizure: { case: s.case, index },
      })),
    ),
    ...person.fingerprintEnrollments.map((f): TimelineEntry => ({
      at: f.enrolledAt,
      source: 'FINGERPRINT',
      recordId: f.id,
      title: `Fingerprint enrollment (${f.reason.toLowerCase().replace(/_/g, ' ')})`,
      detail: `${f.agency} · ${f.fingers.length} finger${f.fingers.length === 1 ? '' : 's'}`,
      seizure: null,
    })),
  ];
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
