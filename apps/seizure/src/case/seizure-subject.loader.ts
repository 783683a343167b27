import { loaderFor, type SubgraphContext } from '@mosaic/service-kit';
import DataLoader from 'dataloader';
import type {
  SeizureFingerCapture,
  SeizureSubject,
  SeizureSubjectIdentifiers,
} from './seizure-subject.model';
import type { SeizureSubjectService } from './seizure-subject.service';

/*
 * The request's batched subject lookups. Every subject id asked for in one
 * tick becomes one query on seizure_subject (as does every case id whose
 * subjects are asked for); the identifiers and finger captures of that batch
 * of subjects are then loaded with at most one more query per child table
 * (seizure_subject_identifier, seizure_subject_finger), and only when a field
 * asks for them.
 */

export function seizureSubjectLoader(
  context: SubgraphContext,
  service: SeizureSubjectService,
): DataLoader<string, SeizureSubject | null> {
  return loaderFor(
    context,
    'seizureSubject',
    () => new DataLoader((ids: readonly string[]) => service.findByIds(ids)),
  );
}

/** Subjects by case; each one found also primes the by-id loader, so it is not read twice. */
export function seizureCaseSubjectsLoader(
  context: SubgraphContext,
  service: SeizureSubjectService,
): DataLoader<string, SeizureSubject[]> {
  return loaderFor(
    context,
    'seizureCaseSubjects',
    () =>
      new DataLoader(async (caseIds: readonly string[]) => {
        const groups = await service.findByCaseIds(caseIds);
        const byId = seizureSubjectLoader(context, service);
        for (const subject of groups.flat()) byId.prime(subject.id, subject);
        return groups;
      }),
  );
}

export function seizureSubjectIdentifiersLoader(
  context: SubgraphContext,
  service: SeizureSubjectService,
): DataLoader<string, SeizureSubjectIdentifiers> {
  return loaderFor(
    context,
    'seizureSubjectIdentifiers',
    () => new DataLoader((subjectIds: readonly string[]) => service.identifiersOf(subjectIds)),
  );
}

export function seizureSubjectFingerprintsLoader(
  context: SubgraphContext,
  service: SeizureSubjectService,
): DataLoader<string, SeizureFingerCapture[]> {
  return loaderFor(
    context,
    'seizureSubjectFingerprints',
    () => new DataLoader((subjectIds: readonly string[]) => service.fingerprintsOf(subjectIds)),
  );
}
