import { graphql } from '../gql';

export const SearchPersonsQuery = graphql(`
  query SearchPersons(
    $name: String
    $documentNumber: String
    $bornFrom: String
    $bornTo: String
    $nationality: String
    $offset: Int
    $limit: Int
  ) {
    searchPersons(
      name: $name
      documentNumber: $documentNumber
      bornFrom: $bornFrom
      bornTo: $bornTo
      nationality: $nationality
      offset: $offset
      limit: $limit
    ) {
      total
      totalIsLowerBound
      hits {
        score
        matched {
          field
          value
          how
        }
        person {
          id
        }
      }
    }
  }
`);
