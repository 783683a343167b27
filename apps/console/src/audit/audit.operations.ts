import { graphql } from '../gql';

export const AuditEntriesQuery = graphql(`
  query AuditEntries($filter: AuditEntryFilter, $after: String, $limit: Int!) {
    auditEntries(filter: $filter, after: $after, limit: $limit) {
      nextCursor
      entries {
        id
        sequence
        at
        user
        roles
        purpose
        caseNumber
        operationName
        operationType
        outcome
        errorCodes
        personIds
      }
    }
  }
`);

export const AuditVerificationQuery = graphql(`
  query AuditVerification {
    auditVerification {
      ok
      entriesChecked
      headSequence
      problem {
        kind
        sequence
        message
      }
    }
  }
`);
