import { graphql } from '../gql';

export const EdgeFields = graphql(`
  fragment EdgeFields on Edge {
    from {
      id
    }
    to {
      id
    }
    type
    evidenceCount
    evidence {
      detail
      strength
      fromRecord {
        source
        recordId
        observedAt
      }
      toRecord {
        source
        recordId
        observedAt
      }
    }
  }
`);

export const NeighbourhoodQuery = graphql(`
  query Neighbourhood($id: ID!, $hops: Int!, $edgeTypes: [EdgeType!], $maxNodes: Int) {
    person(id: $id) {
      id
      neighbors(hops: $hops, edgeTypes: $edgeTypes, maxNodes: $maxNodes) {
        nodes {
          hops
          person {
            id
            attributes {
              names {
                value
              }
            }
          }
        }
        edges {
          ...EdgeFields
        }
        truncated
        truncatedBy
        skippedHubs {
          type
          value
          persons
        }
      }
    }
  }
`);

export const PathsQuery = graphql(`
  query Paths($id: ID!, $to: ID!, $maxHops: Int!) {
    person(id: $id) {
      id
      paths(to: $to, maxHops: $maxHops) {
        hops
        truncated
        truncatedBy
        paths {
          persons {
            id
          }
          edges {
            from {
              id
            }
            to {
              id
            }
            type
          }
        }
      }
    }
  }
`);

export const CoTravelersQuery = graphql(`
  query CoTravelers($id: ID!, $windowMinutes: Int) {
    person(id: $id) {
      id
      coTravelers(windowMinutes: $windowMinutes) {
        nodes {
          hops
          person {
            id
            attributes {
              names {
                value
              }
            }
          }
        }
        edges {
          ...EdgeFields
        }
        truncated
        truncatedBy
      }
    }
  }
`);
