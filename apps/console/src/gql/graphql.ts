/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** An attribute of Person.attributes (NAME: names, DATE_OF_BIRTH: datesOfBirth, …). */
export type AttributeKind =
  'ADDRESS' | 'DATE_OF_BIRTH' | 'DOCUMENT' | 'NAME' | 'NATIONALITY' | 'PHONE' | 'SEX' | 'VEHICLE';

/** Which entries to list; every criterion given must hold. */
export type AuditEntryFilter = {
  caseNumber?: string | null | undefined;
  /** At or after this instant. */
  from?: string | null | undefined;
  outcome?: AuditOutcome | null | undefined;
  personId?: string | number | null | undefined;
  /** A purpose code, e.g. CASE_INVESTIGATION. */
  purpose?: string | null | undefined;
  /** Before this instant. */
  to?: string | null | undefined;
  user?: string | null | undefined;
};

/** How an audited operation ended. */
export type AuditOutcome =
  /** Refused: no token, no purpose, a role or purpose that may not, a rate or complexity limit. */
  | 'DENIED'
  /** Failed for another reason. */
  | 'FAILED'
  /** Answered without errors. */
  | 'OK'
  /** Answered with some data and some errors. */
  | 'PARTIAL';

/** How the audit chain is broken. */
export type AuditProblemKind =
  /** An entry's content no longer hashes to its stored hash, or it was re-hashed. */
  | 'ALTERED'
  /** An entry that appends did not make sits in the chain. */
  | 'INSERTED'
  /** Entries are missing before the named one. */
  | 'REMOVED';

/** A reviewer's verdict on a verification request. A CONFIRM must cite at least one non-biometric evidence item. */
export type ConfirmVerificationInput = {
  decision: VerificationDecision;
  evidence: Array<VerificationEvidenceInput>;
  requestId: string | number;
};

/** A reviewer's verdict on a review item they hold the lease of. LINK must cite at least one non-biometric evidence item; every verdict cites at least one. */
export type DecideReviewItemInput = {
  decision: ReviewDecision;
  evidence: Array<VerificationEvidenceInput>;
  itemId: string | number;
  /** Up to 2,000 characters */
  note?: string | null | undefined;
};

export type DisputeState =
  /** Filed, not yet resolved: a disputed link counts for nothing (profile, link analysis, search) meanwhile */
  | 'OPEN'
  /** Resolved against the dispute: the link or value counts again */
  | 'REJECTED'
  /** Resolved for the person who disputed: a disputed record was separated for good; a disputed value stands marked as contested */
  | 'UPHELD';

export type DisputeTarget =
  /** A value of one of the person’s attributes */
  | 'ATTRIBUTE'
  /** That a record belongs to the person */
  | 'LINK';

export type DisputedAttributeInput = {
  kind: AttributeKind;
  /** The value exactly as Person.attributes shows it */
  value: string;
};

/** What ties two persons */
export type EdgeType =
  /** Subjects of the same seizure case */
  | 'CO_SUBJECT'
  /** On the same flight (encounters less than 12 hours apart), or at the same port in the same direction within a window */
  | 'CO_TRAVEL'
  /** The same address on their records */
  | 'SHARED_ADDRESS'
  /** The same identity document number on their records */
  | 'SHARED_DOCUMENT'
  /** The same phone number on their records */
  | 'SHARED_PHONE'
  /** The same vehicle registration on their records */
  | 'SHARED_VEHICLE';

/** What corroborates (or refutes) a match. A confirmation must cite at least one non-biometric kind. */
export type EvidenceKind =
  /** A case file or report */
  | 'CASE_FILE'
  /** A face comparison: biometric, cannot corroborate a biometric match on its own */
  | 'FACE_COMPARISON'
  /** A fingerprint comparison: biometric, cannot corroborate a biometric match on its own */
  | 'FINGERPRINT_COMPARISON'
  /** An interview with the person */
  | 'INTERVIEW'
  /** Other non-biometric evidence (say what in the note) */
  | 'OTHER_NON_BIOMETRIC'
  /** A travel or identity document examined */
  | 'TRAVEL_DOCUMENT'
  /** Travel records consistent with the match */
  | 'TRAVEL_HISTORY';

/** How much one piece of evidence says on its own. Two persons are linked only by at least one STRONG piece; WEAK pieces are shown beside it. */
export type EvidenceStrength =
  /** A shared case, a shared flight, a document or vehicle, or a phone or address an investigator recorded */
  | 'STRONG'
  /** Booking contact data on both sides (hotels, agencies and call-centres appear there), or the same port on different flights */
  | 'WEAK';

/** What is contested: the link of one of the person’s records (target LINK, record) or one attribute value (target ATTRIBUTE, attribute). */
export type FileDisputeInput = {
  /** ATTRIBUTE: the contested value */
  attribute?: DisputedAttributeInput | null | undefined;
  personId: string | number;
  /** Why, 1–2,000 characters */
  reason: string;
  /** LINK: the contested record */
  record?: RecordRefInput | null | undefined;
  target: DisputeTarget;
};

export type FingerprintEnrollmentReason =
  'ARREST' | 'ASYLUM_CLAIM' | 'BORDER_ENCOUNTER' | 'RESIDENCE_PERMIT' | 'VISA_APPLICATION';

/** An upstream match to identify: the record holding the probe capture (by source and record id, or as a template reference) and the modality to search. */
export type IdentifyInput = {
  /** Candidates to return, 1–50 (default 10) */
  limit?: number | null | undefined;
  modality: MatchModality;
  /** With source */
  recordId?: string | number | null | undefined;
  /** With recordId */
  source?: RecordSource | null | undefined;
  /** Instead of source + recordId: the template reference `<source>:<recordId>` (e.g. travel:TE-1); templates are held by the record that captured them */
  templateRef?: string | null | undefined;
  /** The upstream matcher's score, echoed for the record; it is not used, since its calibration is unknown to Mosaic */
  upstreamScore?: number | null | undefined;
};

export type MatchModality = 'FACE' | 'FINGER';

/** A searched field of a person */
export type PersonSearchField =
  | 'DATE_OF_BIRTH'
  | 'DOCUMENT'
  /** A recorded name, spelled as searched or close to it */
  | 'NAME'
  /** A recorded name that sounds like the one searched */
  | 'NAME_PHONETIC'
  | 'NATIONALITY';

/** How a recorded value matched the search */
export type PersonSearchMatchKind =
  /** Equal once folded (case, diacritics, punctuation and name order aside) */
  | 'EXACT'
  /** Close in spelling (a typo or a variant) */
  | 'FUZZY'
  /** The recorded (possibly partial) date overlaps the range */
  | 'IN_RANGE'
  /** Sounds alike (Double Metaphone): transliteration variants */
  | 'PHONETIC';

export type PersonStatus =
  | 'ACTIVE'
  /** Merged into another person (see lineage.mergedInto); holds no records */
  | 'MERGED'
  /** Every record was purged by retention; holds no records */
  | 'PURGED'
  /** Split; its records now belong to the persons in lineage.splitInto */
  | 'SPLIT';

/** A source record, by source and record id. */
export type RecordRefInput = {
  recordId: string | number;
  source: RecordSource;
};

/** The source service that holds a record. */
export type RecordSource = 'FINGERPRINT' | 'SEIZURE' | 'TRAVEL';

/** What to verify: a link (decisionId, from Person.matchEvidence) or an identification (probe and personId, from identify). */
export type RequestVerificationInput = {
  /** LINK: the decision that made the link */
  decisionId?: string | number | null | undefined;
  /** Why verification is asked for (up to 1,000 characters) */
  note?: string | null | undefined;
  /** IDENTIFICATION: the candidate person */
  personId?: string | number | null | undefined;
  /** IDENTIFICATION: the probe record (as given to identify) */
  probe?: RecordRefInput | null | undefined;
  target: VerificationTarget;
};

export type ReviewDecision =
  /** Same person (cite at least one non-biometric evidence item) */
  | 'LINK'
  /** Different persons */
  | 'NOT_LINK'
  /** Cannot tell: the item goes to a supervisor */
  | 'UNSURE';

export type ReviewItemState =
  /** Settled without a change of its own (see reason): another decision decided it */
  | 'CLOSED'
  /** The reviewers disagreed or one was unsure: a supervisor settles it */
  | 'ESCALATED'
  /** LINK applied: the two persons were merged (or already were one) */
  | 'LINKED'
  /** NOT_LINK applied: the pair is cannot-link for good */
  | 'NOT_LINKED'
  /** Waiting for two different reviewers */
  | 'PENDING';

export type ReviewQueueFilter = {
  /** Only items the caller may claim now: not leased to someone else, no verdict of theirs (default false) */
  claimableOnly?: boolean | null | undefined;
  /** Only items an officer waits on (or not) */
  officerWaiting?: boolean | null | undefined;
  /** Only this evidence profile */
  profile?: string | null | undefined;
  /** Default: the open states, PENDING and ESCALATED */
  states?: Array<ReviewItemState> | null | undefined;
};

export type ReviewStage = 'FIRST' | 'SECOND' | 'SUPERVISOR';

export type SeizureEventType = 'APPREHENSION' | 'INTERDICTION' | 'SEIZURE';

export type SeizureSubjectRole = 'ASSOCIATE' | 'COURIER' | 'DRIVER' | 'ORGANIZER' | 'SUSPECT';

/** A supervisor's decision on an escalated review item; it applies. */
export type SettleReviewItemInput = {
  decision: SettlingDecision;
  evidence: Array<VerificationEvidenceInput>;
  itemId: string | number;
  /** Up to 2,000 characters */
  note?: string | null | undefined;
};

export type SettlingDecision = 'LINK' | 'NOT_LINK';

export type TravelDirection = 'ARRIVAL' | 'DEPARTURE';

/** The cap that cut a link-analysis result */
export type TruncationReason =
  /** The evidence rows one request may read ran out */
  | 'MAX_COST'
  /** A person has more ties than are followed; the strongest were kept */
  | 'MAX_FAN_OUT'
  /** More persons than the result may hold */
  | 'MAX_NODES'
  /** More shortest paths than are listed */
  | 'MAX_PATHS';

export type VerificationDecision = 'CONFIRM' | 'REJECT';

export type VerificationEvidenceInput = {
  kind: EvidenceKind;
  /** Up to 1,000 characters */
  note?: string | null | undefined;
  /** Where the evidence is, e.g. a document or case file number: one line, 1–200 characters */
  reference: string;
};

/** Two-person verification: a link or identification is actionable only once two different reviewers confirmed it, each citing non-biometric evidence. */
export type VerificationState =
  /** Verification was requested; fewer than two different reviewers have confirmed it (see confirmations): not actionable */
  | 'PENDING'
  /** A reviewer rejected it: not actionable */
  | 'REJECTED'
  /** Nobody has asked for verification: not actionable */
  | 'UNVERIFIED'
  /** Confirmed by two different reviewers: actionable */
  | 'VERIFIED';

export type VerificationTarget =
  /** That a probe record belongs to a candidate person */
  | 'IDENTIFICATION'
  /** A link holding a person's records together (by its decision id) */
  | 'LINK';

export type AuditEntriesQueryVariables = Exact<{
  filter?: AuditEntryFilter | null | undefined;
  after?: string | null | undefined;
  limit: number;
}>;

export type AuditEntriesQuery = {
  auditEntries: {
    nextCursor: string | null;
    entries: Array<{
      id: string;
      sequence: string;
      at: string;
      user: string | null;
      roles: Array<string>;
      purpose: string | null;
      caseNumber: string | null;
      operationName: string | null;
      operationType: string | null;
      outcome: AuditOutcome;
      errorCodes: Array<string>;
      personIds: Array<string>;
    }>;
  };
};

export type AuditVerificationQueryVariables = Exact<{ [key: string]: never }>;

export type AuditVerificationQuery = {
  auditVerification: {
    ok: boolean;
    entriesChecked: number;
    headSequence: string | null;
    problem: { kind: AuditProblemKind; sequence: string; message: string } | null;
  };
};

export type EdgeFieldsFragment = {
  type: EdgeType;
  evidenceCount: number;
  from: { id: string };
  to: { id: string };
  evidence: Array<{
    detail: string;
    strength: EvidenceStrength;
    fromRecord: { source: RecordSource; recordId: string; observedAt: string };
    toRecord: { source: RecordSource; recordId: string; observedAt: string };
  }>;
};

export type NeighbourhoodQueryVariables = Exact<{
  id: string | number;
  hops: number;
  edgeTypes?: Array<EdgeType> | EdgeType | null | undefined;
  maxNodes?: number | null | undefined;
}>;

export type NeighbourhoodQuery = {
  person: {
    id: string;
    neighbors: {
      truncated: boolean;
      truncatedBy: Array<TruncationReason>;
      nodes: Array<{
        hops: number;
        person: { id: string; attributes: { names: Array<{ value: string }> } };
      }>;
      edges: Array<{
        type: EdgeType;
        evidenceCount: number;
        from: { id: string };
        to: { id: string };
        evidence: Array<{
          detail: string;
          strength: EvidenceStrength;
          fromRecord: { source: RecordSource; recordId: string; observedAt: string };
          toRecord: { source: RecordSource; recordId: string; observedAt: string };
        }>;
      }>;
      skippedHubs: Array<{ type: EdgeType; value: string; persons: number }>;
    } | null;
  } | null;
};

export type PathsQueryVariables = Exact<{
  id: string | number;
  to: string | number;
  maxHops: number;
}>;

export type PathsQuery = {
  person: {
    id: string;
    paths: {
      hops: number | null;
      truncated: boolean;
      truncatedBy: Array<TruncationReason>;
      paths: Array<{
        persons: Array<{ id: string }>;
        edges: Array<{ type: EdgeType; from: { id: string }; to: { id: string } }>;
      }>;
    } | null;
  } | null;
};

export type CoTravelersQueryVariables = Exact<{
  id: string | number;
  windowMinutes?: number | null | undefined;
}>;

export type CoTravelersQuery = {
  person: {
    id: string;
    coTravelers: {
      truncated: boolean;
      truncatedBy: Array<TruncationReason>;
      nodes: Array<{
        hops: number;
        person: { id: string; attributes: { names: Array<{ value: string }> } };
      }>;
      edges: Array<{
        type: EdgeType;
        evidenceCount: number;
        from: { id: string };
        to: { id: string };
        evidence: Array<{
          detail: string;
          strength: EvidenceStrength;
          fromRecord: { source: RecordSource; recordId: string; observedAt: string };
          toRecord: { source: RecordSource; recordId: string; observedAt: string };
        }>;
      }>;
    } | null;
  } | null;
};

export type IdentifyQueryVariables = Exact<{
  input: IdentifyInput;
}>;

export type IdentifyQuery = {
  identify: {
    gallerySize: number;
    thresholdVersion: string;
    modelVersion: string;
    priorEnrolled: number;
    verified: boolean;
    notice: string;
    probe: {
      source: RecordSource;
      recordId: string;
      modality: MatchModality;
      quality: number;
      fingerPositions: Array<number>;
    };
    candidates: Array<{
      rank: number;
      probability: number;
      llr: number;
      modality: MatchModality;
      probeQuality: number;
      gallerySize: number;
      thresholdVersion: string;
      atOperatingPoint: boolean;
      verified: boolean;
      comparedRecord: { source: RecordSource; recordId: string };
      biometrics: Array<{
        modality: MatchModality;
        position: number | null;
        score: number;
        llr: number;
      }>;
      verification: {
        state: VerificationState;
        confirmations: number;
        required: number;
        requestId: string | null;
      };
      person: { id: string; attributes: { names: Array<{ value: string }> } };
    }>;
  };
};

type AttestedValueFields_AttributeValue_Fragment = {
  value: string;
  disputed: boolean;
  disputeState: DisputeState | null;
  support: { records: number; sources: Array<RecordSource>; modalities: Array<MatchModality> };
  provenance: Array<{
    source: RecordSource;
    recordIds: Array<string>;
    firstSeen: string;
    lastSeen: string;
  }>;
};

type AttestedValueFields_DocumentValue_Fragment = {
  value: string;
  disputed: boolean;
  disputeState: DisputeState | null;
  support: { records: number; sources: Array<RecordSource>; modalities: Array<MatchModality> };
  provenance: Array<{
    source: RecordSource;
    recordIds: Array<string>;
    firstSeen: string;
    lastSeen: string;
  }>;
};

type AttestedValueFields_NameValue_Fragment = {
  value: string;
  disputed: boolean;
  disputeState: DisputeState | null;
  support: { records: number; sources: Array<RecordSource>; modalities: Array<MatchModality> };
  provenance: Array<{
    source: RecordSource;
    recordIds: Array<string>;
    firstSeen: string;
    lastSeen: string;
  }>;
};

export type AttestedValueFieldsFragment =
  | AttestedValueFields_AttributeValue_Fragment
  | AttestedValueFields_DocumentValue_Fragment
  | AttestedValueFields_NameValue_Fragment;

export type PersonProfileQueryVariables = Exact<{
  id: string | number;
}>;

export type PersonProfileQuery = {
  person: {
    id: string;
    status: PersonStatus;
    createdAt: string;
    updatedAt: string;
    underDispute: boolean;
    records: Array<{ source: RecordSource; recordId: string }>;
    attributes: {
      names: Array<{
        givenNames: string | null;
        surname: string | null;
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      datesOfBirth: Array<{
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      sexes: Array<{
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      nationalities: Array<{
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      documents: Array<{
        type: string;
        number: string;
        issuingCountry: string;
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      phones: Array<{
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      addresses: Array<{
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
      vehicles: Array<{
        value: string;
        disputed: boolean;
        disputeState: DisputeState | null;
        support: {
          records: number;
          sources: Array<RecordSource>;
          modalities: Array<MatchModality>;
        };
        provenance: Array<{
          source: RecordSource;
          recordIds: Array<string>;
          firstSeen: string;
          lastSeen: string;
        }>;
      }>;
    };
    verification: { links: number; verifiedLinks: number; state: VerificationState | null };
    lineage: {
      mergedInto: string | null;
      mergedFrom: Array<string>;
      splitFrom: string | null;
      splitInto: Array<string>;
    };
    disputes: Array<{
      id: string;
      target: DisputeTarget;
      state: DisputeState;
      reason: string;
      filedBy: string;
      filedAt: string;
      resolvedBy: string | null;
      resolutionNote: string | null;
      resolvedAt: string | null;
      record: { source: RecordSource; recordId: string } | null;
      attribute: { kind: AttributeKind; value: string } | null;
    }>;
  } | null;
};

export type PersonTimelineQueryVariables = Exact<{
  id: string | number;
}>;

export type PersonTimelineQuery = {
  person: {
    id: string;
    records: Array<{
      source: RecordSource;
      recordId: string;
      observedAt: string;
      resolvedAt: string;
      captures: Array<MatchModality>;
      flags: Array<string>;
    }>;
    travelEncounters: Array<{
      id: string;
      encounteredAt: string;
      port: string;
      direction: TravelDirection;
      carrier: string;
      flight: string;
    }>;
    seizureRecords: Array<{
      id: string;
      role: SeizureSubjectRole;
      case: {
        id: string;
        caseNumber: string;
        agency: string;
        openedAt: string;
        narrative: string | null;
        events: Array<{ type: SeizureEventType; occurredAt: string; location: string }>;
      };
    }>;
    fingerprintEnrollments: Array<{
      id: string;
      enrolledAt: string;
      agency: string;
      reason: FingerprintEnrollmentReason;
      fingers: Array<{ position: number }>;
    }>;
  } | null;
};

export type PersonEvidenceQueryVariables = Exact<{
  id: string | number;
}>;

export type PersonEvidenceQuery = {
  person: {
    id: string;
    matchEvidence: Array<{
      id: string | null;
      linkedBy: string;
      linkedAt: string;
      outcome: string | null;
      llr: number | null;
      probability: number | null;
      profile: string | null;
      flags: Array<string>;
      modelVersion: string | null;
      thresholdVersion: string | null;
      records: Array<{ source: RecordSource; recordId: string }>;
      thresholds: { autoLink: number | null; review: number } | null;
      contributions: Array<{ kind: string; name: string; detail: string; weight: number }>;
      verification: {
        state: VerificationState;
        confirmations: number;
        required: number;
        confirmedBy: Array<string>;
        rejectedBy: Array<string>;
        requestId: string | null;
        requestedBy: string | null;
      };
    }>;
  } | null;
};

export type FileDisputeMutationVariables = Exact<{
  input: FileDisputeInput;
}>;

export type FileDisputeMutation = { fileDispute: { id: string; state: DisputeState } };

export type RequestVerificationMutationVariables = Exact<{
  input: RequestVerificationInput;
}>;

export type RequestVerificationMutation = {
  requestVerification: {
    id: string;
    verification: { state: VerificationState; confirmations: number; required: number };
  };
};

export type ConfirmVerificationMutationVariables = Exact<{
  input: ConfirmVerificationInput;
}>;

export type ConfirmVerificationMutation = {
  confirmVerification: {
    id: string;
    verification: {
      state: VerificationState;
      confirmations: number;
      required: number;
      confirmedBy: Array<string>;
      rejectedBy: Array<string>;
    };
  };
};

export type PendingVerificationsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type PendingVerificationsQuery = {
  pendingVerifications: {
    hasNextPage: boolean;
    endCursor: string | null;
    requests: Array<{
      id: string;
      target: VerificationTarget;
      decisionId: string | null;
      requestedBy: string;
      purpose: string;
      caseNumber: string;
      note: string | null;
      requestedAt: string;
      records: Array<{ source: RecordSource; recordId: string }>;
      person: { id: string } | null;
      verification: {
        state: VerificationState;
        confirmations: number;
        required: number;
        confirmedBy: Array<string>;
        rejectedBy: Array<string>;
        requestId: string | null;
        requestedBy: string | null;
      };
    }>;
  };
};

export type ReviewQueueQueryVariables = Exact<{
  filter?: ReviewQueueFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;

export type ReviewQueueQuery = {
  reviewQueue: {
    asOf: string;
    hasNextPage: boolean;
    endCursor: string | null;
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        state: ReviewItemState;
        createdAt: string;
        records: Array<{ source: RecordSource; recordId: string }>;
        lease: { claimedBy: string; expiresAt: string } | null;
        verdicts: Array<{ reviewer: string; stage: ReviewStage; decision: ReviewDecision }>;
        priority: {
          score: number;
          personSizes: Array<number>;
          probability: number;
          llr: number;
          operatingPoint: number;
          distanceToOperatingPoint: number;
          ageHours: number;
          officerWaiting: boolean;
          profile: string;
        } | null;
      };
    }>;
  };
};

export type ReviewItemFieldsFragment = {
  id: string;
  state: ReviewItemState;
  createdAt: string;
  escalatedAt: string | null;
  settledBy: string | null;
  closedAt: string | null;
  reason: string | null;
  closedByItem: string | null;
  records: Array<{ source: RecordSource; recordId: string }>;
  persons: Array<{ id: string }>;
  lease: { claimedBy: string; expiresAt: string } | null;
  verdicts: Array<{
    reviewer: string;
    stage: ReviewStage;
    decision: ReviewDecision;
    note: string | null;
    purpose: string;
    caseNumber: string;
    decidedAt: string;
    evidence: Array<{ kind: EvidenceKind; reference: string; note: string | null }>;
  }>;
};

export type ReviewItemQueryVariables = Exact<{
  id: string | number;
}>;

export type ReviewItemQuery = {
  reviewItem: {
    id: string;
    state: ReviewItemState;
    createdAt: string;
    escalatedAt: string | null;
    settledBy: string | null;
    closedAt: string | null;
    reason: string | null;
    closedByItem: string | null;
    comparison: {
      heldBecause: Array<string>;
      probability: number;
      llr: number;
      biometricLlr: number;
      profile: string;
      modelVersion: string;
      thresholdVersion: string;
      flags: Array<string>;
      left: {
        faceQuality: number | null;
        record: {
          source: RecordSource;
          recordId: string;
          observedAt: string;
          captures: Array<MatchModality>;
        };
        person: { id: string } | null;
        fingerQualities: Array<{ position: number; quality: number }>;
        otherRecords: Array<{
          source: RecordSource;
          recordId: string;
          observedAt: string;
          captures: Array<MatchModality>;
        }>;
      } | null;
      right: {
        faceQuality: number | null;
        record: {
          source: RecordSource;
          recordId: string;
          observedAt: string;
          captures: Array<MatchModality>;
        };
        person: { id: string } | null;
        fingerQualities: Array<{ position: number; quality: number }>;
        otherRecords: Array<{
          source: RecordSource;
          recordId: string;
          observedAt: string;
          captures: Array<MatchModality>;
        }>;
      } | null;
      fields: Array<{
        field: string;
        level: string;
        weight: number;
        left: Array<string>;
        right: Array<string>;
      }>;
      waterfall: Array<{ kind: string; name: string; detail: string; weight: number }>;
      biometrics: Array<{
        modality: MatchModality;
        position: number | null;
        score: number;
        llr: number;
      }>;
      thresholds: { autoLink: number | null; review: number; biometric: number | null };
    };
    records: Array<{ source: RecordSource; recordId: string }>;
    persons: Array<{ id: string }>;
    lease: { claimedBy: string; expiresAt: string } | null;
    verdicts: Array<{
      reviewer: string;
      stage: ReviewStage;
      decision: ReviewDecision;
      note: string | null;
      purpose: string;
      caseNumber: string;
      decidedAt: string;
      evidence: Array<{ kind: EvidenceKind; reference: string; note: string | null }>;
    }>;
  };
};

export type ComparedRecordFieldsFragment = {
  faceQuality: number | null;
  record: {
    source: RecordSource;
    recordId: string;
    observedAt: string;
    captures: Array<MatchModality>;
  };
  person: { id: string } | null;
  fingerQualities: Array<{ position: number; quality: number }>;
  otherRecords: Array<{
    source: RecordSource;
    recordId: string;
    observedAt: string;
    captures: Array<MatchModality>;
  }>;
};

export type ClaimReviewItemMutationVariables = Exact<{
  id: string | number;
}>;

export type ClaimReviewItemMutation = {
  claimReviewItem: {
    id: string;
    state: ReviewItemState;
    createdAt: string;
    escalatedAt: string | null;
    settledBy: string | null;
    closedAt: string | null;
    reason: string | null;
    closedByItem: string | null;
    records: Array<{ source: RecordSource; recordId: string }>;
    persons: Array<{ id: string }>;
    lease: { claimedBy: string; expiresAt: string } | null;
    verdicts: Array<{
      reviewer: string;
      stage: ReviewStage;
      decision: ReviewDecision;
      note: string | null;
      purpose: string;
      caseNumber: string;
      decidedAt: string;
      evidence: Array<{ kind: EvidenceKind; reference: string; note: string | null }>;
    }>;
  };
};

export type ReleaseReviewItemMutationVariables = Exact<{
  id: string | number;
}>;

export type ReleaseReviewItemMutation = {
  releaseReviewItem: {
    id: string;
    state: ReviewItemState;
    createdAt: string;
    escalatedAt: string | null;
    settledBy: string | null;
    closedAt: string | null;
    reason: string | null;
    closedByItem: string | null;
    records: Array<{ source: RecordSource; recordId: string }>;
    persons: Array<{ id: string }>;
    lease: { claimedBy: string; expiresAt: string } | null;
    verdicts: Array<{
      reviewer: string;
      stage: ReviewStage;
      decision: ReviewDecision;
      note: string | null;
      purpose: string;
      caseNumber: string;
      decidedAt: string;
      evidence: Array<{ kind: EvidenceKind; reference: string; note: string | null }>;
    }>;
  };
};

export type DecideReviewItemMutationVariables = Exact<{
  input: DecideReviewItemInput;
}>;

export type DecideReviewItemMutation = {
  decideReviewItem: {
    id: string;
    state: ReviewItemState;
    createdAt: string;
    escalatedAt: string | null;
    settledBy: string | null;
    closedAt: string | null;
    reason: string | null;
    closedByItem: string | null;
    records: Array<{ source: RecordSource; recordId: string }>;
    persons: Array<{ id: string }>;
    lease: { claimedBy: string; expiresAt: string } | null;
    verdicts: Array<{
      reviewer: string;
      stage: ReviewStage;
      decision: ReviewDecision;
      note: string | null;
      purpose: string;
      caseNumber: string;
      decidedAt: string;
      evidence: Array<{ kind: EvidenceKind; reference: string; note: string | null }>;
    }>;
  };
};

export type SettleReviewItemMutationVariables = Exact<{
  input: SettleReviewItemInput;
}>;

export type SettleReviewItemMutation = {
  settleReviewItem: {
    id: string;
    state: ReviewItemState;
    createdAt: string;
    escalatedAt: string | null;
    settledBy: string | null;
    closedAt: string | null;
    reason: string | null;
    closedByItem: string | null;
    records: Array<{ source: RecordSource; recordId: string }>;
    persons: Array<{ id: string }>;
    lease: { claimedBy: string; expiresAt: string } | null;
    verdicts: Array<{
      reviewer: string;
      stage: ReviewStage;
      decision: ReviewDecision;
      note: string | null;
      purpose: string;
      caseNumber: string;
      decidedAt: string;
      evidence: Array<{ kind: EvidenceKind; reference: string; note: string | null }>;
    }>;
  };
};

export type SearchPersonsQueryVariables = Exact<{
  name?: string | null | undefined;
  documentNumber?: string | null | undefined;
  bornFrom?: string | null | undefined;
  bornTo?: string | null | undefined;
  nationality?: string | null | undefined;
  offset?: number | null | undefined;
  limit?: number | null | undefined;
}>;

export type SearchPersonsQuery = {
  searchPersons: {
    total: number;
    totalIsLowerBound: boolean;
    hits: Array<{
      score: number;
      matched: Array<{ field: PersonSearchField; value: string; how: PersonSearchMatchKind }>;
      person: { id: string };
    }>;
  };
};

export const EdgeFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'EdgeFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Edge' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'evidenceCount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'evidence' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'detail' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strength' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fromRecord' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'toRecord' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EdgeFieldsFragment, unknown>;
export const AttestedValueFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AttestedValueFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AttestedValue' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'value' } },
          { kind: 'Field', name: { kind: 'Name', value: 'disputed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'disputeState' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'support' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'records' } },
                { kind: 'Field', name: { kind: 'Name', value: 'sources' } },
                { kind: 'Field', name: { kind: 'Name', value: 'modalities' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'provenance' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordIds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstSeen' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastSeen' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AttestedValueFieldsFragment, unknown>;
export const ReviewItemFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReviewItemFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'escalatedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'settledBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedByItem' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'records' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'persons' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lease' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verdicts' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'evidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decidedAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReviewItemFieldsFragment, unknown>;
export const ComparedRecordFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ComparedRecordFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ComparedRecord' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'record' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'captures' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'faceQuality' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'fingerQualities' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quality' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'otherRecords' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'captures' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ComparedRecordFieldsFragment, unknown>;
export const AuditEntriesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AuditEntries' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'AuditEntryFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'auditEntries' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'limit' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'nextCursor' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'entries' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sequence' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'at' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'user' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'roles' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'operationName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'operationType' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'errorCodes' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'personIds' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AuditEntriesQuery, AuditEntriesQueryVariables>;
export const AuditVerificationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'AuditVerification' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'auditVerification' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ok' } },
                { kind: 'Field', name: { kind: 'Name', value: 'entriesChecked' } },
                { kind: 'Field', name: { kind: 'Name', value: 'headSequence' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'problem' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'sequence' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'message' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AuditVerificationQuery, AuditVerificationQueryVariables>;
export const NeighbourhoodDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Neighbourhood' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'hops' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'edgeTypes' } },
          type: {
            kind: 'ListType',
            type: {
              kind: 'NonNullType',
              type: { kind: 'NamedType', name: { kind: 'Name', value: 'EdgeType' } },
            },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'maxNodes' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'neighbors' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'hops' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'hops' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'edgeTypes' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'edgeTypes' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'maxNodes' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'maxNodes' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'nodes' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hops' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'person' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'attributes' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        {
                                          kind: 'Field',
                                          name: { kind: 'Name', value: 'names' },
                                          selectionSet: {
                                            kind: 'SelectionSet',
                                            selections: [
                                              {
                                                kind: 'Field',
                                                name: { kind: 'Name', value: 'value' },
                                              },
                                            ],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'EdgeFields' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'truncated' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'truncatedBy' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'skippedHubs' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'persons' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'EdgeFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Edge' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'evidenceCount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'evidence' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'detail' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strength' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fromRecord' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'toRecord' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<NeighbourhoodQuery, NeighbourhoodQueryVariables>;
export const PathsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Paths' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'maxHops' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'paths' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'to' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'to' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'maxHops' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'maxHops' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hops' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'truncated' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'truncatedBy' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'paths' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'persons' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'edges' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'from' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                      ],
                                    },
                                  },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'to' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                      ],
                                    },
                                  },
                                  { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PathsQuery, PathsQueryVariables>;
export const CoTravelersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CoTravelers' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'windowMinutes' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'coTravelers' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'windowMinutes' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'windowMinutes' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'nodes' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hops' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'person' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'attributes' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        {
                                          kind: 'Field',
                                          name: { kind: 'Name', value: 'names' },
                                          selectionSet: {
                                            kind: 'SelectionSet',
                                            selections: [
                                              {
                                                kind: 'Field',
                                                name: { kind: 'Name', value: 'value' },
                                              },
                                            ],
                                          },
                                        },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'EdgeFields' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'truncated' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'truncatedBy' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'EdgeFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Edge' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'from' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'to' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'evidenceCount' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'evidence' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'detail' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strength' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fromRecord' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'toRecord' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CoTravelersQuery, CoTravelersQueryVariables>;
export const IdentifyDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Identify' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'IdentifyInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'identify' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'probe' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'modality' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'quality' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'fingerPositions' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'gallerySize' } },
                { kind: 'Field', name: { kind: 'Name', value: 'thresholdVersion' } },
                { kind: 'Field', name: { kind: 'Name', value: 'modelVersion' } },
                { kind: 'Field', name: { kind: 'Name', value: 'priorEnrolled' } },
                { kind: 'Field', name: { kind: 'Name', value: 'verified' } },
                { kind: 'Field', name: { kind: 'Name', value: 'notice' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'candidates' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'rank' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'probability' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'llr' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'modality' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'probeQuality' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'gallerySize' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'thresholdVersion' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'atOperatingPoint' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'verified' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'comparedRecord' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'biometrics' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'modality' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'score' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'llr' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'verification' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'confirmations' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'requestId' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'person' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'attributes' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'names' },
                                    selectionSet: {
                                      kind: 'SelectionSet',
                                      selections: [
                                        { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                                      ],
                                    },
                                  },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IdentifyQuery, IdentifyQueryVariables>;
export const PersonProfileDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PersonProfile' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'updatedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'underDispute' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'records' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'attributes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'names' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'givenNames' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'surname' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'datesOfBirth' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'sexes' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'nationalities' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'documents' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'issuingCountry' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'phones' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'addresses' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'vehicles' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'AttestedValueFields' },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'verification' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'links' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'verifiedLinks' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'lineage' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'mergedInto' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'mergedFrom' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'splitFrom' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'splitInto' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'disputes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'target' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'record' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'attribute' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'filedBy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'filedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resolvedBy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resolutionNote' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resolvedAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AttestedValueFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'AttestedValue' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'value' } },
          { kind: 'Field', name: { kind: 'Name', value: 'disputed' } },
          { kind: 'Field', name: { kind: 'Name', value: 'disputeState' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'support' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'records' } },
                { kind: 'Field', name: { kind: 'Name', value: 'sources' } },
                { kind: 'Field', name: { kind: 'Name', value: 'modalities' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'provenance' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordIds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstSeen' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastSeen' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PersonProfileQuery, PersonProfileQueryVariables>;
export const PersonTimelineDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PersonTimeline' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'records' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resolvedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'captures' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'flags' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'travelEncounters' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'encounteredAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'port' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'direction' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'carrier' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'flight' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'seizureRecords' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'role' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'case' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'agency' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'openedAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'narrative' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'events' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'occurredAt' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'location' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'fingerprintEnrollments' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'enrolledAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'agency' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'fingers' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PersonTimelineQuery, PersonTimelineQueryVariables>;
export const PersonEvidenceDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PersonEvidence' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'matchEvidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'records' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'linkedBy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'linkedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'llr' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'probability' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'profile' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'thresholds' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'autoLink' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'review' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'contributions' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'detail' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'weight' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'flags' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'modelVersion' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'thresholdVersion' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'verification' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'confirmations' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'confirmedBy' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'rejectedBy' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'requestId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'requestedBy' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PersonEvidenceQuery, PersonEvidenceQueryVariables>;
export const FileDisputeDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'FileDispute' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'FileDisputeInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'fileDispute' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'state' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FileDisputeMutation, FileDisputeMutationVariables>;
export const RequestVerificationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RequestVerification' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RequestVerificationInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'requestVerification' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'verification' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'confirmations' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RequestVerificationMutation, RequestVerificationMutationVariables>;
export const ConfirmVerificationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ConfirmVerification' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ConfirmVerificationInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'confirmVerification' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'verification' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'confirmations' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'confirmedBy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'rejectedBy' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConfirmVerificationMutation, ConfirmVerificationMutationVariables>;
export const PendingVerificationsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PendingVerifications' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'pendingVerifications' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'requests' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'target' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'decisionId' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'records' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'person' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'requestedBy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'requestedAt' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'verification' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'confirmations' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'required' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'confirmedBy' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'rejectedBy' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'requestId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'requestedBy' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PendingVerificationsQuery, PendingVerificationsQueryVariables>;
export const ReviewQueueDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ReviewQueue' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewQueueFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'reviewQueue' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'asOf' } },
                { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'records' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'lease' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'verdicts' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'priority' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'score' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'personSizes' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'probability' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'llr' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'operatingPoint' },
                                  },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'distanceToOperatingPoint' },
                                  },
                                  { kind: 'Field', name: { kind: 'Name', value: 'ageHours' } },
                                  {
                                    kind: 'Field',
                                    name: { kind: 'Name', value: 'officerWaiting' },
                                  },
                                  { kind: 'Field', name: { kind: 'Name', value: 'profile' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReviewQueueQuery, ReviewQueueQueryVariables>;
export const ReviewItemDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ReviewItem' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'reviewItem' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReviewItemFields' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'comparison' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'left' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'ComparedRecordFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'right' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'ComparedRecordFields' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'fields' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'level' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'weight' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'left' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'right' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'waterfall' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'detail' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'weight' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'biometrics' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'modality' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'score' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'llr' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'heldBecause' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'probability' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'llr' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'biometricLlr' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'profile' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'thresholds' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'autoLink' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'review' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'biometric' } },
                          ],
                        },
                      },
                      { kind: 'Field', name: { kind: 'Name', value: 'modelVersion' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'thresholdVersion' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'flags' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReviewItemFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'escalatedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'settledBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedByItem' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'records' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'persons' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lease' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verdicts' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'evidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decidedAt' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ComparedRecordFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ComparedRecord' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'record' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'captures' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'person' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'faceQuality' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'fingerQualities' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'position' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quality' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'otherRecords' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'observedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'captures' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReviewItemQuery, ReviewItemQueryVariables>;
export const ClaimReviewItemDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ClaimReviewItem' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'claimReviewItem' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReviewItemFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReviewItemFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'escalatedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'settledBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedByItem' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'records' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'persons' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lease' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verdicts' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'evidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decidedAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ClaimReviewItemMutation, ClaimReviewItemMutationVariables>;
export const ReleaseReviewItemDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ReleaseReviewItem' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'releaseReviewItem' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReviewItemFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReviewItemFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'escalatedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'settledBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedByItem' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'records' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'persons' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lease' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verdicts' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'evidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decidedAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReleaseReviewItemMutation, ReleaseReviewItemMutationVariables>;
export const DecideReviewItemDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DecideReviewItem' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'DecideReviewItemInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'decideReviewItem' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReviewItemFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReviewItemFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'escalatedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'settledBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedByItem' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'records' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'persons' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lease' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verdicts' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'evidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decidedAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DecideReviewItemMutation, DecideReviewItemMutationVariables>;
export const SettleReviewItemDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SettleReviewItem' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'SettleReviewItemInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'settleReviewItem' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'ReviewItemFields' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ReviewItemFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewItem' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'escalatedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'settledBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
          { kind: 'Field', name: { kind: 'Name', value: 'closedByItem' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'records' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recordId' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'persons' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lease' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'claimedBy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'expiresAt' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'verdicts' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'reviewer' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decision' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'evidence' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                { kind: 'Field', name: { kind: 'Name', value: 'caseNumber' } },
                { kind: 'Field', name: { kind: 'Name', value: 'decidedAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SettleReviewItemMutation, SettleReviewItemMutationVariables>;
export const SearchPersonsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'SearchPersons' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'name' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'documentNumber' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'bornFrom' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'bornTo' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'nationality' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'offset' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'searchPersons' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'name' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'name' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'documentNumber' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'documentNumber' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'bornFrom' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'bornFrom' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'bornTo' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'bornTo' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'nationality' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'nationality' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'offset' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'offset' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'limit' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'limit' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'total' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalIsLowerBound' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'hits' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'score' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'matched' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'field' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'how' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'person' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SearchPersonsQuery, SearchPersonsQueryVariables>;
