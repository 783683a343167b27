import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IdentityGraph } from '../identity-graph';
import {
  BiometricScore,
  MatchModality,
  Person,
  RecordRef,
  RecordSource,
  Verification,
} from '../person/person.model';

@ObjectType({ registerIn: IdentityGraph })
export class IdentificationProbe {
  @Field(() => RecordSource) source!: RecordSource;
  @Field(() => ID) recordId!: string;
  @Field(() => MatchModality) modality!: MatchModality;
  @Field(() => Float, {
    description: 'Capture quality 0–1 (fingers: the best position searched)',
  })
  quality!: number;
  @Field(() => [Int], { description: 'Finger positions searched (empty for FACE)' })
  fingerPositions!: number[];
  @Field(() => Float, { nullable: true, description: 'As given; not used' })
  upstreamScore!: number | null;
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'One candidate person for the probe. A lead, not an identification: see verification.',
})
export class IdentificationCandidate {
  @Field(() => Int) rank!: number;
  @Field(() => Person) person!: { id: string };
  @Field(() => Float, {
    description:
      "Calibrated probability that this is the probe's person (open-set: the probe's person may not be enrolled at all)",
  })
  probability!: number;
  @Field(() => Float, { description: 'Calibrated log-likelihood ratio (natural log)' })
  llr!: number;
  @Field(() => MatchModality) modality!: MatchModality;
  @Field(() => Float) probeQuality!: number;
  @Field(() => Int, { description: 'Records holding this modality that were searched' })
  gallerySize!: number;
  @Field() thresholdVersion!: string;
  @Field({
    description:
      "Whether the score reaches the matcher's operating point of the threshold set (per-comparison FMR); not an identification",
  })
  atOperatingPoint!: boolean;
  @Field(() => RecordRef, { description: "The candidate's record that compared best" })
  comparedRecord!: RecordRef;
  @Field(() => [BiometricScore]) biometrics!: BiometricScore[];
  @Field({
    description:
      "Whether two different reviewers have confirmed that the probe's record belongs to this person",
  })
  verified!: boolean;
  @Field(() => Verification) verification!: Verification;
}

@ObjectType({
  registerIn: IdentityGraph,
  description:
    'Ranked candidates for an upstream match, with calibrated probabilities and the conditions they hold under. Never a bare match flag.',
})
export class Identification {
  @Field(() => IdentificationProbe) probe!: IdentificationProbe;
  @Field(() => [IdentificationCandidate]) candidates!: IdentificationCandidate[];
  @Field(() => Int, { description: 'Records holding this modality that were searched' })
  gallerySize!: number;
  @Field() thresholdVersion!: string;
  @Field() modelVersion!: string;
  @Field(() => Float, {
    description: "Prior probability that the probe's person is enrolled at all",
  })
  priorEnrolled!: number;
  @Field({ description: 'Whether any candidate is verified by two-person review' })
  verified!: boolean;
  @Field({ description: 'What the result means and does not mean, for the person reading it' })
  notice!: string;
}
