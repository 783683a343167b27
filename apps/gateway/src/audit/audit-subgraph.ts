import { buildSubgraphSchema } from '@apollo/subgraph';
import { PURPOSES, type AccessContext, type AccessError } from '@mosaic/access';
import {
  AUDIT_PAGE_LIMIT,
  AuditQueryError,
  formatReconciliation,
  type AuditEntry,
  type AuditLog,
  type AuditQuery,
  type AuditReconciliation,
  type AuditVerification,
  type PublishedEvent,
} from '@mosaic/audit-data';
import { badUserInputError, guardSubgraphSchema } from '@mosaic/service-kit';
import { GraphQLISODateTime } from '@nestjs/graphql';
import { parse, type GraphQLSchema } from 'graphql';

/** The subgraph's name in the supergraph; the gateway serves it in-process. */
export const AUDIT_SUBGRAPH_NAME = 'audit';

/** What the audit subgraph's resolvers know of the caller, built from the gateway's context. */
export interface AuditSubgraphContext {
  /** The verified caller acting under a declared purpose; null → every field is refused. */
  access: AccessContext | null;
  /** Why `access` is null. */
  accessError: AccessError | null;
}

export const AUDIT_TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.12", import: ["@key"])

  """
  A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.
  """
  scalar DateTime

  """How an audited operation ended."""
  enum AuditOutcome {
    """Answered without errors."""
    OK
    """Answered with some data and some errors."""
    PARTIAL
    """Refused: no token, no purpose, a role or purpose that may not, a rate or complexity limit."""
    DENIED
    """Failed for another reason."""
    FAILED
  }

  """How the audit chain is broken."""
  enum AuditProblemKind {
    """An entry's content no longer hashes to its stored hash, or it was re-hashed."""
    ALTERED
    """An entry that appends did not make sits in the chain."""
    INSERTED
    """Entries are missing before the named one."""
    REMOVED
  }

  """One operation as the audit log recorded it."""
  type AuditEntry {
    id: ID!
    """Position in the chain, from 1, without gaps (an integer as a string)."""
    sequence: String!
    at: DateTime!
    requestId: String
    """The authenticated user; null when the request carried no valid token."""
    user: String
    roles: [String!]!
    """The declared purpose (as claimed when it was refused)."""
    purpose: String
    caseNumber: String
    operationName: String
    """query, mutation, subscription, or job for work outside GraphQL."""
    operationType: String
    """sha256 of the operation's document (canonical JSON of its text)."""
    documentHash: String
    """sha256 of the canonical JSON of its variables."""
    variablesDigest: String
    """The persons whose data the operation returned."""
    personIds: [ID!]!
    """The decisions the operation acted on."""
    decisionIds: [ID!]!
    outcome: AuditOutcome!
    errorCodes: [String!]!
    detail: String
    """The hash of the entry before it."""
    prevHash: String!
    """sha256 of the canonical JSON of this entry's other fields."""
    hash: String!
  }

  """A page of audit entries, newest first."""
  type AuditEntryPage {
    entries: [AuditEntry!]!
    """Pass as \`after\` for the next page; null on the last page."""
    nextCursor: String
  }

  """The first place where the audit chain is not what appends made it."""
  type AuditChainProblem {
    kind: AuditProblemKind!
    """The entry named: the altered or inserted one, or the first one after a removal."""
    sequence: String!
    entryId: ID!
    message: String!
  }

  """The result of walking the whole audit chain."""
  type AuditVerification {
    """Whether every entry is intact and linked to the one before it."""
    ok: Boolean!
    """Entries checked (all of them when ok)."""
    entriesChecked: Int!
    headSequence: String
    headHash: String
    problem: AuditChainProblem
    """
    The hash of entry 1, which names this log on topics other deployments share.
    Null for an empty log, and when not compared with the published copy.
    """
    chainStart: String
    """
    Whether the log was compared with its published copy (audit.access.v1 and
    audit.head.v1; in embedded mode the gateway's file of them). Null when not asked.
    """
    reconciled: Boolean
    """
    No published entry or head is missing from the log or different in it.
    The hash chain alone cannot see a removed tail; this can.
    """
    reconciliationOk: Boolean
    """Sequences published but absent from the log, as ranges ("8-10", "12")."""
    missingSequences: [String!]
    missingCount: Int
    """The first 100 sequences whose published hash differs from the log's."""
    mismatchedSequences: [String!]
    mismatchedCount: Int
    """The highest head published for this log."""
    latestPublishedHeadSequence: String
    """HELD (the log has it), SHORTER (the log ends before it) or DIVERGED (rolled back)."""
    latestPublishedHeadState: String
    """One line for a person: what the published copy shows the log lost."""
    reconciliation: String
  }

  """Which entries to list; every criterion given must hold."""
  input AuditEntryFilter {
    user: String
    personId: ID
    """A purpose code, e.g. CASE_INVESTIGATION."""
    purpose: String
    caseNumber: String
    outcome: AuditOutcome
    """At or after this instant."""
    from: DateTime
    """Before this instant."""
    to: DateTime
  }

  type Query {
    """
    The audit log, newest first, for oversight (OVERSIGHT under OVERSIGHT_AUDIT).
    This read is itself audited.
    """
    auditEntries(filter: AuditEntryFilter, after: String, limit: Int! = 50): AuditEntryPage!

    """
    Walks the whole audit chain and reports the first altered, inserted or removed
    entry; with againstPublished, also compares it with its published copy and
    names entries the log lost.
    """
    auditVerification(againstPublished: Boolean! = false): AuditVerification!
  }
`);

interface AuditEntriesArgs {
  filter?: {
    user?: string | null;
    personId?: string | null;
    purpose?: string | null;
    caseNumber?: string | null;
    outcome?: AuditQuery['outcome'] | null;
    from?: Date | null;
    to?: Date | null;
  } | null;
  after?: string | null;
  limit: number;
}

function auditQuery({ filter, after, limit }: AuditEntriesArgs): AuditQuery {
  if (limit < 1 || limit > AUDIT_PAGE_LIMIT) {
    throw badUserInputError('limit', `must be from 1 to ${AUDIT_PAGE_LIMIT}`);
  }
  if (filter?.purpose != null && !(PURPOSES as readonly string[]).includes(filter.purpose)) {
    throw badUserInputError('filter.purpose', `must be one of ${PURPOSES.join(', ')}`);
  }
  // GraphQL gives null for an argument sent as null; the log reads only what is given.
  const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
  return {
    limit,
    after: given(after),
    user: given(filter?.user),
    personId: given(filter?.personId),
    purpose: given(filter?.purpose),
    caseNumber: given(filter?.caseNumber),
    outcome: given(filter?.outcome),
    from: given(filter?.from),
    to: given(filter?.to),
  };
}

const notReconciled = {
  chainStart: null,
  reconciled: null,
  reconciliationOk: null,
  missingSequences: null,
  missingCount: null,
  mismatchedSequences: null,
  mismatchedCount: null,
  latestPublishedHeadSequence: null,
  latestPublishedHeadState: null,
  reconciliation: null,
};

function reconciliationView(result: AuditReconciliation | null) {
  if (!result) return notReconciled;
  return {
    chainStart: result.chainStart,
    reconciled: true,
    reconciliationOk: result.ok,
    missingSequences: result.missing.map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`)),
    missingCount: result.missingCount,
    mismatchedSequences: result.mismatched.map((m) => m.sequence),
    mismatchedCount: result.mismatchedCount,
    latestPublishedHeadSequence: result.latestHead?.sequence ?? null,
    latestPublishedHeadState: result.latestHead?.state ?? null,
    reconciliation: formatReconciliation(result),
  };
}

function verificationView(result: AuditVerification, reconciliation: AuditReconciliation | null) {
  const compared = reconciliationView(reconciliation);
  return result.ok
    ? {
        ok: true,
        entriesChecked: result.entries,
        headSequence: result.head?.sequence ?? null,
        headHash: result.head?.hash ?? null,
        problem: null,
        ...compared,
      }
    : {
        ok: false,
        entriesChecked: result.entries,
        headSequence: null,
        headHash: null,
        problem: result.problem,
        ...compared,
      };
}

export interface AuditSubgraphOptions {
  /** Where the log's published copy is read from; null or absent: reconciliation is refused. */
  publishedCopy?: (() => AsyncIterable<PublishedEvent>) | null;
}

/**
 * The oversight read of the audit log, a subgraph of the supergraph served by
 * the gateway itself (it owns the audit database). The role × field matrix
 * (@mosaic/access) opens it to OVERSIGHT under OVERSIGHT_AUDIT only; the
 * gateway audits these reads like any other. `auditLog` may be omitted to
 * print the schema.
 */
export function buildAuditSubgraphSchema(
  auditLog?: Pick<AuditLog, 'query' | 'verify' | 'reconcile'>,
  options: AuditSubgraphOptions = {},
): GraphQLSchema {
  const log = () => {
    if (!auditLog) throw new Error('the audit subgraph was built without an audit log');
    return auditLog;
  };
  const resolvers = {
    DateTime: GraphQLISODateTime,
    Query: {
      auditEntries: async (
        _: unknown,
        args: AuditEntriesArgs,
      ): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> => {
        try {
          return await log().query(auditQuery(args));
        } catch (error) {
          if (error instanceof AuditQueryError) throw badUserInputError(error.field, error.reason);
          throw error;
        }
      },
      auditVerification: async (_: unknown, args: { againstPublished: boolean }) => {
        const verification = await log().verify();
        if (!args.againstPublished) return verificationView(verification, null);
        const copy = options.publishedCopy;
        if (!copy) {
          throw badUserInputError(
            'againstPublished',
            'this gateway publishes no copy of its audit log (it runs without an event bus)',
          );
        }
        return verificationView(verification, await log().reconcile(copy()));
      },
    },
  };
  // Every field behind the role × field matrix, as in every other subgraph.
  return guardSubgraphSchema(buildSubgraphSchema([{ typeDefs: AUDIT_TYPE_DEFS, resolvers }]));
}
