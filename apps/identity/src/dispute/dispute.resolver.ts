import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { auditDecisions, badUserInputError, type SubgraphContext } from '@mosaic/service-kit';
import { parsePersonId, parseRecordId, parseUuid } from '../person/person-ids';
import { PersonLoaders } from '../person/person.loader';
import { Person } from '../person/person.model';
import { PersonService } from '../person/person.service';
import { actingUser, type Actor } from '../verification/acting-user';
import { cleanText } from '../verification/free-text';
import { Dispute, DisputeOutcome, DisputeTarget } from './dispute.model';
import { disputeView } from './dispute-views';
import { FileDisputeInput } from './dto/file-dispute.input';
import { ResolveDisputeInput } from './dto/resolve-dispute.input';
import { FileDisputeUseCase, type FileDisputeCommand } from './file-dispute.use-case';
import { ResolveDisputeUseCase } from './resolve-dispute.use-case';

export const MAX_REASON_LENGTH = 2_000;
/** Attribute values are one line of text as recorded; names and addresses stay well under this. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 500;

/** A file-dispute input as a command: the fields of its target, and only those. */
export function fileDisputeCommand(input: FileDisputeInput, actor: Actor): FileDisputeCommand {
  const personId = parsePersonId(input.personId, 'input.personId');
  const reason = cleanText(input.reason, 'input.reason', {
    max: MAX_REASON_LENGTH,
    multiline: true,
  });
  if (input.target === DisputeTarget.LINK) {
    if (input.attribute != null) {
      throw badUserInputError('input.attribute', 'a LINK dispute names the record only');
    }
    if (input.record == null) {
      throw badUserInputError('input.record', 'is required to dispute a LINK');
    }
    const recordId = parseRecordId(input.record.recordId, 'input.record.recordId');
    return {
      actor,
      personId,
      reason,
      target: 'LINK',
      recordKey: `${input.record.source}:${recordId}`,
    };
  }
  if (input.record != null) {
    throw badUserInputError('input.record', 'an ATTRIBUTE dispute names the attribute only');
  }
  if (input.attribute == null) {
    throw badUserInputError('input.attribute', 'is required to dispute an ATTRIBUTE');
  }
  return {
    actor,
    personId,
    reason,
    target: 'ATTRIBUTE',
    kind: input.attribute.kind,
    value: cleanText(input.attribute.value, 'input.attribute.value', {
      max: MAX_ATTRIBUTE_VALUE_LENGTH,
    }),
  };
}

/** Disputes and redress: filing, resolving, and the disputes of a person. */
@Resolver(() => Dispute)
export class DisputeResolver {
  constructor(
    private readonly fileDispute: FileDisputeUseCase,
    private readonly resolveDispute: ResolveDisputeUseCase,
  ) {}

  @Mutation(() => Dispute, {
    name: 'fileDispute',
    description:
      'Contests the link of one of a person’s records, or one of its attribute values. While open, a disputed link counts for nothing (left out of the profile, link analysis and search) and the person is flagged underDispute.',
  })
  async file(
    @Args('input') input: FileDisputeInput,
    @Context() context: SubgraphContext,
  ): Promise<Dispute> {
    const command = fileDisputeCommand(input, actingUser(context));
    context.audit.personIds.add(command.personId);
    const dispute = await this.fileDispute.execute(command);
    auditDecisions(context, [dispute.id]);
    return disputeView(dispute);
  }

  @Mutation(() => Dispute, {
    name: 'resolveDispute',
    description:
      'Resolves an open dispute (SUPERVISOR, not the one who filed it). UPHELD on a link separates the record into a person of its own and makes it cannot-link with the person’s records for good; REJECTED restores it.',
  })
  async resolve(
    @Args('input') input: ResolveDisputeInput,
    @Context() context: SubgraphContext,
  ): Promise<Dispute> {
    const actor = actingUser(context);
    const disputeId = parseUuid(input.disputeId, 'input.disputeId', 'a dispute id');
    const note = cleanText(input.note, 'input.note', { max: MAX_REASON_LENGTH, multiline: true });
    // Noted before the rules run: a refused attempt is audited against the dispute too.
    auditDecisions(context, [disputeId]);
    const { dispute, separation } = await this.resolveDispute.execute({
      actor,
      disputeId,
      outcome: input.outcome === DisputeOutcome.UPHELD ? 'UPHELD' : 'REJECTED',
      note,
    });
    context.audit.personIds.add(dispute.personId);
    if (separation) {
      context.audit.personIds.add(separation.separatedInto);
      separation.alsoSplitOff.forEach((id) => context.audit.personIds.add(id));
    }
    return disputeView(dispute);
  }
}

/** Person.disputes: a person's disputes, open and resolved. */
@Resolver(() => Person)
export class PersonDisputesResolver {
  constructor(private readonly service: PersonService) {}

  @ResolveField(() => [Dispute], {
    description:
      'Every dispute concerning the person, open and resolved, oldest first: filed against it (or a person merged into it), or against the link of a record it holds',
  })
  async disputes(
    @Parent() person: { id: string },
    @Context() context: SubgraphContext,
  ): Promise<Dispute[]> {
    const rows = await new PersonLoaders(context, this.service).disputes.load(person.id);
    return rows.map(disputeView);
  }
}
