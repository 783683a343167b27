import { graphql } from '../gql';

export const IdentifyQuery = graphql(`
  query Identify($input: IdentifyInput!) {
    identify(input: $input) {
      probe {
        source
        recordId
        modality
        quality
        fingerPositions
      }
      gallerySize
      thresholdVersion
      modelVersion
      priorEnrolled
      verified
      notice
      candidates {
        rank
        probability
        llr
        modality
        probeQuality
        gallerySize
        thresholdVersion
        atOperatingPoint
        verified
        comparedRecord {
          source
          recordId
        }
        biometrics {
          modality
          position
          score
          llr
        }
        verification {
          state
          confirmations
          required
          requestId
        }
        person {
          id
          attributes {
            names {
              value
            }
          }
        }
      }
    }
  }
`);
