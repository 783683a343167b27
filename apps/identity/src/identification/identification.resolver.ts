import { Args, Query, Resolver } from '@nestjs/graphql';
import { badUserInputError } from '@mosaic/service-kit';
import { parseRecordId } from '../person/person-ids';
import { RecordSource } from '../person/person.model';
import { IdentifyInput } from './dto/identify.input';
import { Identification } from './identification.model';
import { IdentifyUseCase, type IdentifyCommand } from './identify.use-case';

const SOURCES = new Set<string>(Object.values(RecordSource));

/** The probe of an identify input: exactly one of source + recordId, or templateRef. */
export function identifyCommand(input: IdentifyInput): IdentifyCommand {
  const byRecord = input.source != null || input.recordId != null;
  const byTemplate = input.templateRef != null;
  if (byRecord === byTemplate) {
    throw badUserInputError(
      'input',
      'give either source and recordId, or templateRef, to name the probe record',
    );
  }
  let source: RecordSource;
  let recordId: string;
  if (byTemplate) {
    const ref = input.templateRef as string;
    const at = ref.indexOf(':');
    const prefix = at > 0 ? ref.slice(0, at) : '';
    if (!SOURCES.has(prefix)) {
      throw badUserInputError(
        'input.templateRef',
        'must be <source>:<recordId> with source travel, seizure or fingerprint',
      );
    }
    source = prefix as RecordSource;
    recordId = parseRecordId(ref.slice(at + 1), 'input.templateRef');
  } else {
    if (input.source == null) throw badUserInputError('input.source', 'is required with recordId');
    if (input.recordId == null)
      throw badUserInputError('input.recordId', 'is required with source');
    source = input.source;
    recordId = parseRecordId(input.recordId, 'input.recordId');
  }
  const limit = input.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    throw badUserInputError('input.limit', 'must be an integer from 1 to 50');
  }
  if (input.upstreamScore != null && !Number.isFinite(input.upstreamScore)) {
    throw badUserInputError('input.upstreamScore', 'must be a finite number');
  }
  return {
    source,
    recordId,
    modality: input.modality,
    upstreamScore: input.upstreamScore ?? null,
    limit,
  };
}

@Resolver(() => Identification)
export class IdentificationResolver {
  constructor(private readonly identify: IdentifyUseCase) {}

  @Query(() => Identification, {
    name: 'identify',
    description:
      "Who an upstream biometric match may be: ranked candidate persons with calibrated probabilities, the probe's quality, the gallery size and threshold version, and whether anything is verified. Never a bare match flag.",
  })
  run(@Args('input') input: IdentifyInput): Promise<Identification> {
    return this.identify.execute(identifyCommand(input));
  }
}
