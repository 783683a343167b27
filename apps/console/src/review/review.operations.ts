import { graphql } from '../gql';

export const ReviewQueueQuery = graphql(`
  query ReviewQueue($filter: ReviewQueueFilter, $first: Int!, $after: String) {
    reviewQueue(filter: $filter, first: $first, after: $after) {
      asOf
      hasNextPage
      endCursor
      edges {
        cursor
        node {
          id
          state
          createdAt
          records {
            source
            recordId
          }
          lease {
            claimedBy
            expiresAt
          }
          verdicts {
            reviewer
            stage
            decision
          }
          priority {
            score
            personSizes
            probability
            llr
            operatingPoint
            distanceToOperatingPoint
            ageHours
            officerWaiting
            profile
          }
        }
      }
    }
  }
`);

export const ReviewItemFields = graphql(`
  fragment ReviewItemFields on ReviewItem {
    id
    state
    createdAt
    escalatedAt
    settledBy
    closedAt
    reason
    closedByItem
    records {
      source
      recordId
    }
    persons {
      id
    }
    lease {
      claimedBy
      expiresAt
    }
    verdicts {
      reviewer
      stage
      decision
      evidence {
        kind
        reference
        note
      }
      note
      purpose
      caseNumber
      decidedAt
    }
  }
`);

export const ReviewItemQuery = graphql(`
  query ReviewItem($id: ID!) {
    reviewItem(id: $id) {
      ...ReviewItemFields
      comparison {
        left {
          ...ComparedRecordFields
        }
        right {
          ...ComparedRecordFields
        }
        fields {
          field
          level
          weight
          left
          right
        }
        waterfall {
          kind
          name
          detail
          weight
        }
        biometrics {
          modality
          position
          score
          llr
        }
        heldBecause
        probability
        llr
        biometricLlr
        profile
        thresholds {
          autoLink
          review
          biometric
        }
        modelVersion
        thresholdVersion
        flags
      }
    }
  }
`);

export const ComparedRecordFields = graphql(`
  fragment ComparedRecordFields on ComparedRecord {
    record {
      source
      recordId
      observedAt
      captures
    }
    person {
      id
    }
    faceQuality
    fingerQualities {
      position
      quality
    }
    otherRecords {
      source
      recordId
      observedAt
      captures
    }
  }
`);

export const ClaimReviewItemMutation = graphql(`
  mutation ClaimReviewItem($id: ID!) {
    claimReviewItem(id: $id) {
      ...ReviewItemFields
    }
  }
`);

export const ReleaseReviewItemMutation = graphql(`
  mutation ReleaseReviewItem($id: ID!) {
    releaseReviewItem(id: $id) {
      ...ReviewItemFields
    }
  }
`);

export const DecideReviewItemMutation = graphql(`
  mutation DecideReviewItem($input: DecideReviewItemInput!) {
    decideReviewItem(input: $input) {
      ...ReviewItemFields
    }
  }
`);

export const SettleReviewItemMutation = graphql(`
  mutation SettleReviewItem($input: SettleReviewItemInput!) {
    settleReviewItem(input: $input) {
      ...ReviewItemFields
    }
  }
`);
