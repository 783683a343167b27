import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AnalysisGraph } from '../analysis-graph';
import { Person } from '../person.model';

export enum EdgeType {
  CO_SUBJECT = 'CO_SUBJECT',
  CO_TRAVEL = 'CO_TRAVEL',
  SHARED_PHONE = 'SHARED_PHONE',
  SHARED_ADDRESS = 'SHARED_ADDRESS',
  SHARED_VEHICLE = 'SHARED_VEHICLE',
  SHARED_DOCUMENT = 'SHARED_DOCUMENT',
}
registerEnumType(EdgeType, {
  name: 'EdgeType',
  registerIn: AnalysisGraph,
  description: 'What ties two persons',
  valuesMap: {
    CO_SUBJECT: { description: 'Subjects of the same seizure case' },
    CO_TRAVEL: {
      description:
        'On the same flight (encounters less than 12 hours apart), or at the same port in the same direction within a window',
    },
    SHARED_PHONE: { description: 'The same phone number on their records' },
    SHARED_ADDRESS: { description: 'The same address on their records' },
    SHARED_VEHICLE: { description: 'The same vehicle registration on their records' },
    SHARED_DOCUMENT: { description: 'The same identity document number on their records' },
  },
});

export enum EvidenceStrength {
  STRONG = 'STRONG',
  WEAK = 'WEAK',
}
registerEnumType(EvidenceStrength, {
  name: 'EvidenceStrength',
  registerIn: AnalysisGraph,
  description:
    'How much one piece of evidence says on its own. Two persons are linked only by at least one STRONG piece; WEAK pieces are shown beside it.',
  valuesMap: {
    STRONG: {
      description:
        'A shared case, a shared flight, a document or vehicle, or a phone or address an investigator recorded',
    },
    WEAK: {
      description:
        'Booking contact data on both sides (hotels, agencies and call-centres appear there), or the same port on different flights',
    },
  },
});

export enum TruncationReason {
  MAX_NODES = 'MAX_NODES',
  MAX_FAN_OUT = 'MAX_FAN_OUT',
  MAX_COST = 'MAX_COST',
  MAX_PATHS = 'MAX_PATHS',
}
registerEnumType(TruncationReason, {
  name: 'TruncationReason',
  registerIn: AnalysisGraph,
  description: 'The cap that cut a link-analysis result',
  valuesMap: {
    MAX_NODES: { description: 'More persons than the result may hold' },
    MAX_FAN_OUT: {
      description: 'A person has more ties than are followed; the strongest were kept',
    },
    MAX_COST: { description: 'The evidence rows one request may read ran out' },
    MAX_PATHS: { description: 'More shortest paths than are listed' },
  },
});

/** The same enum (name and values) as the identity subgraph's, so the supergraph composes. */
export enum RecordSource {
  TRAVEL = 'TRAVEL',
  SEIZURE = 'SEIZURE',
  FINGERPRINT = 'FINGERPRINT',
}
// Identity's enum of the same name, value for value: one RecordSource in the supergraph.
registerEnumType(RecordSource, {
  name: 'RecordSource',
  registerIn: AnalysisGraph,
  description: 'The source service that holds a record.',
});

@ObjectType({ registerIn: AnalysisGraph, description: 'A source record, as its source knows it' })
export class EvidenceRecord {
  @Field(() => RecordSource) source!: RecordSource;
  @Field(() => ID, { description: "The source's record id" }) recordId!: string;
  @Field({ description: 'When the source observed the person' }) observedAt!: Date;
}

@ObjectType({
  registerIn: AnalysisGraph,
  description: 'One record on each side and what they share',
})
export class EdgeEvidence {
  @Field(() => EvidenceRecord, { description: "A record of the edge's `from` person" })
  fromRecord!: EvidenceRecord;
  @Field(() => EvidenceRecord, { description: "A record of the edge's `to` person" })
  toRecord!: EvidenceRecord;
  @Field({
    description:
      'What they share: the case number, the flight and times, the port and times, or the identifier as each side recorded it',
  })
  detail!: string;
  @Field(() => EvidenceStrength) strength!: EvidenceStrength;
}

@ObjectType({
  registerIn: AnalysisGraph,
  description: 'A typed tie between two persons, with its evidence',
})
export class Edge {
  @Field(() => Person) from!: Person;
  @Field(() => Person) to!: Person;
  @Field(() => EdgeType) type!: EdgeType;
  @Field(() => [EdgeEvidence], { description: 'Strong evidence first, then by time; at most 20' })
  evidence!: EdgeEvidence[];
  @Field(() => Int, {
    description: 'All the evidence found (more than `evidence` lists when it was cut)',
  })
  evidenceCount!: number;
}

@ObjectType({ registerIn: AnalysisGraph })
export class NeighbourNode {
  @Field(() => Person) person!: Person;
  @Field(() => Int, { description: 'Hops from the subject (0 for the subject)' }) hops!: number;
}

@ObjectType({
  registerIn: AnalysisGraph,
  description:
    'A context shared by so many persons it says nothing about any two of them (a call-centre phone, a hotel or shelter address, a full flight): not expanded',
})
export class SkippedHub {
  @Field(() => EdgeType) type!: EdgeType;
  @Field({
    description: 'The identifier as recorded, or the flight and day, or the port and window',
  })
  value!: string;
  @Field(() => Int, { description: 'Distinct persons sharing it' }) persons!: number;
}

@ObjectType({ registerIn: AnalysisGraph, description: 'The persons tied to a subject, hop by hop' })
export class Neighbourhood {
  @Field(() => [NeighbourNode]) nodes!: NeighbourNode[];
  @Field(() => [Edge]) edges!: Edge[];
  @Field({ description: 'true when a cap cut the result (`truncatedBy` says which)' })
  truncated!: boolean;
  @Field(() => [TruncationReason]) truncatedBy!: TruncationReason[];
  @Field(() => [SkippedHub]) skippedHubs!: SkippedHub[];
}

@ObjectType({ registerIn: AnalysisGraph, description: 'One shortest path between two persons' })
export class GraphPath {
  @Field(() => [Person], { description: 'From the subject to the target, in order' })
  persons!: Person[];
  @Field(() => [Edge], {
    description:
      'Every edge between consecutive persons, oriented along the path (a step may have several types)',
  })
  edges!: Edge[];
}

@ObjectType({ registerIn: AnalysisGraph })
export class PathsResult {
  @Field(() => [GraphPath], { description: 'Every shortest path, up to 20' })
  paths!: GraphPath[];
  @Field(() => Int, {
    nullable: true,
    description: 'Their length; null when none is at most maxHops long',
  })
  hops!: number | null;
  @Field() truncated!: boolean;
  @Field(() => [TruncationReason]) truncatedBy!: TruncationReason[];
  @Field(() => [SkippedHub]) skippedHubs!: SkippedHub[];
}
