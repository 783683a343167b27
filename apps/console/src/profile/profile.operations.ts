import { graphql } from '../gql';

// The profile is three operations, each well inside the gateway's limits
// (depth 8, cost 5000, 1000 tokens): what the person is, what their records
// say, and why the records were joined. They load side by side.

export const AttestedValueFields = graphql(`
  fragment AttestedValueFields on AttestedValue {
    value
    disputed
    disputeState
    support {
      records
      sources
      modalities
    }
    provenance {
      source
      recordIds
      firstSeen
      lastSeen
    }
  }
`);

export const PersonProfileQuery = graphql(`
  query PersonProfile($id: ID!) {
    person(id: $id) {
      id
      status
      createdAt
      updatedAt
      underDispute
      records {
        source
        recordId
      }
      attributes {
        names {
          ...AttestedValueFields
          givenNames
          surname
        }
        datesOfBirth {
          ...AttestedValueFields
        }
        sexes {
          ...AttestedValueFields
        }
        nationalities {
          ...AttestedValueFields
        }
        documents {
          ...AttestedValueFields
          type
          number
          issuingCountry
        }
        phones {
          ...AttestedValueFields
        }
        addresses {
          ...AttestedValueFields
        }
        vehicles {
          ...AttestedValueFields
        }
      }
      verification {
        links
        verifiedLinks
        state
      }
      lineage {
        mergedInto
        mergedFrom
        splitFrom
        splitInto
      }
      disputes {
        id
        target
        state
        record {
          source
          recordId
        }
        attribute {
          kind
          value
        }
        reason
        filedBy
        filedAt
        resolvedBy
        resolutionNote
        resolvedAt
      }
    }
  }
`);

export const PersonTimelineQuery = graphql(`
  query PersonTimeline($id: ID!) {
    person(id: $id) {
      id
      records {
        source
        recordId
        observedAt
        resolvedAt
        captures
        flags
      }
      travelEncounters {
        id
        encounteredAt
        port
        direction
        carrier
        flight
      }
      seizureRecords {
        id
        role
        case {
          id
          caseNumber
          agency
          openedAt
          narrative
          events {
            type
            occurredAt
            location
          }
        }
      }
      fingerprintEnrollments {
        id
        enrolledAt
        agency
        reason
        fingers {
          position
        }
      }
    }
  }
`);

export const PersonEvidenceQuery = graphql(`
  query PersonEvidence($id: ID!) {
    person(id: $id) {
      id
      matchEvidence {
        id
        records {
          source
          recordId
        }
        linkedBy
        linkedAt
        outcome
        llr
        probability
        profile
        thresholds {
          autoLink
          review
        }
        contributions {
          kind
          name
          detail
          weight
        }
        flags
        modelVersion
        thresholdVersion
        verification {
          state
          confirmations
          required
          confirmedBy
          rejectedBy
          requestId
          requestedBy
        }
      }
    }
  }
`);

export const FileDisputeMutation = graphql(`
  mutation FileDispute($input: FileDisputeInput!) {
    fileDispute(input: $input) {
      id
      state
    }
  }
`);

export const RequestVerificationMutation = graphql(`
  mutation RequestVerification($input: RequestVerificationInput!) {
    requestVerification(input: $input) {
      id
      verification {
        state
        confirmations
        required
      }
    }
  }
`);

export const ConfirmVerificationMutation = graphql(`
  mutation ConfirmVerification($input: ConfirmVerificationInput!) {
    confirmVerification(input: $input) {
      id
      verification {
        state
        confirmations
        required
        confirmedBy
        rejectedBy
      }
    }
  }
`);

export const PendingVerificationsQuery = graphql(`
  query PendingVerifications($first: Int!, $after: String) {
    pendingVerifications(first: $first, after: $after) {
      hasNextPage
      endCursor
      requests {
        id
        target
        decisionId
        records {
          source
          recordId
        }
        person {
          id
        }
        requestedBy
        purpose
        caseNumber
        note
        requestedAt
        verification {
          state
          confirmations
          required
          confirmedBy
          rejectedBy
          requestId
          requestedBy
        }
      }
    }
  }
`);
