import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { auditDecisions, badUserInputError, type SubgraphContext } from '@mosaic/service-kit';
import { parsePersonId, parseRecordId, parseUuid } from '../person/person-ids';
import { ConfirmVerificationUseCase } from './confirm-verification.use-case';
import { ConfirmVerificationInput } from './dto/confirm-verification.input';
import { RequestVerificationInput } from './dto/request-verification.input';
import { actingUser, type Actor } from './acting-user';
import { optionalText } from './free-text';
import {
  RequestVerificationUseCase,
  type RequestVerificationCommand,
} from './request-verification.use-case';
import { PendingVerificationsUseCase } from './pending-verifications.use-case';
import {
  PendingVerificationPage,
  VerificationRequest,
  VerificationTarget,
} from './verification.model';
import { verificationRequestView } from './verification-views';

export const MAX_REQUEST_NOTE_LENGTH = 1_000;

/** A request-verification input as a command: the fields of its target, and only those. */
export function requestVerificationCommand(
  input: RequestVerificationInput,
  actor: Actor,
): RequestVerificationCommand {
  const note = optionalText(input.note, 'input.note', {
    max: MAX_REQUEST_NOTE_LENGTH,
    multiline: true,
  });
  if (input.target === VerificationTarget.LINK) {
    if (input.probe != null || input.personId != null) {
      throw badUserInputError('input', 'a LINK verification names decisionId only');
    }
    if (input.decisionId == null) {
      throw badUserInputError('input.decisionId', 'is required to verify a LINK');
    }
    return {
      actor,
      note,
      target: 'LINK',
      decisionId: parseUuid(input.decisionId, 'input.decisionId', 'a decision id'),
    };
  }
  if (input.decisionId != null) {
    throw badUserInputError('input.decisionId', 'an IDENTIFICATION names probe and personId');
  }
  if (input.probe == null) {
    throw badUserInputError('input.probe', 'is required to verify an IDENTIFICATION');
  }
  if (input.personId == null) {
    throw badUserInputError('input.personId', 'is required to verify an IDENTIFICATION');
  }
  const recordId = parseRecordId(input.probe.recordId, 'input.probe.recordId');
  return {
    actor,
    note,
    target: 'IDENTIFICATION',
    probeKey: `${input.probe.source}:${recordId}`,
    personId: parsePersonId(input.personId, 'input.personId'),
  };
}

/** Two-person verification: asking for it, and reviewing what was asked. */
@Resolver(() => VerificationRequest)
export class VerificationResolver {
  constructor(
    private readonly requestVerification: RequestVerificationUseCase,
    private readonly confirmVerification: ConfirmVerificationUseCase,
    private readonly pendingVerifications: PendingVerificationsUseCase,
  ) {}

  @Query(() => PendingVerificationPage, {
    name: 'pendingVerifications',
    description:
      'Verification requests waiting for reviewers (REVIEWER, SUPERVISOR), the longest-waiting first, 1–100 a page; pass endCursor as after for the next page.',
  })
  async pending(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() context: SubgraphContext,
  ): Promise<PendingVerificationPage> {
    const page = await this.pendingVerifications.execute({
      actor: actingUser(context),
      first,
      after: after ?? null,
    });
    auditDecisions(
      context,
      page.requests.map((r) => r.request.id),
    );
    return {
      requests: page.requests.map((r) => verificationRequestView(r.request, r.recordKeys)),
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
    };
  }

  @Mutation(() => VerificationRequest, {
    name: 'requestVerification',
    description:
      'Asks that two different reviewers confirm a link or an identification; until they do, nothing may rest on it. CONFLICT when one is already pending or verified.',
  })
  async request(
    @Args('input') input: RequestVerificationInput,
    @Context() context: SubgraphContext,
  ): Promise<VerificationRequest> {
    const command = requestVerificationCommand(input, actingUser(context));
    if (command.target === 'LINK') auditDecisions(context, [command.decisionId]);
    const { request, recordKeys } = await this.requestVerification.execute(command);
    auditDecisions(context, [request.id]);
    return verificationRequestView(request, recordKeys);
  }

  @Mutation(() => VerificationRequest, {
    name: 'confirmVerification',
    description:
      'A reviewer confirms or rejects a verification request, citing evidence (a CONFIRM needs at least one non-biometric item). Refused for the requester (SELF_CONFIRMATION) and for a second review by one reviewer (DUPLICATE_CONFIRMATION). Two confirmations make it VERIFIED; one rejection makes it REJECTED.',
  })
  async confirm(
    @Args('input') input: ConfirmVerificationInput,
    @Context() context: SubgraphContext,
  ): Promise<VerificationRequest> {
    const actor = actingUser(context);
    const requestId = parseUuid(input.requestId, 'input.requestId', 'a verification request id');
    // Noted before the rules run: a refused attempt is audited against the request too.
    auditDecisions(context, [requestId]);
    const { request, recordKeys } = await this.confirmVerification.execute({
      actor,
      requestId,
      decision: input.decision,
      evidence: input.evidence,
    });
    if (request.decisionId) auditDecisions(context, [request.decisionId]);
    return verificationRequestView(request, recordKeys);
  }
}
