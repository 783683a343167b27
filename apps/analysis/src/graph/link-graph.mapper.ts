import type * as model from '@mosaic/analysis-model';
import {
  EdgeType,
  EvidenceStrength,
  RecordSource,
  TruncationReason,
  type Edge,
  type EvidenceRecord,
  type Neighbourhood,
  type PathsResult,
  type SkippedHub,
} from './link-graph.model';

const SOURCES: Record<model.AnalysisSource, RecordSource> = {
  travel: RecordSource.TRAVEL,
  seizure: RecordSource.SEIZURE,
  fingerprint: RecordSource.FINGERPRINT,
};

const record = (r: model.EvidenceRecord): EvidenceRecord => ({
  source: SOURCES[r.source],
  recordId: r.recordId,
  observedAt: new Date(r.observedAt),
});

const edge = (e: model.Edge): Edge => ({
  from: { id: e.from },
  to: { id: e.to },
  type: EdgeType[e.type],
  evidence: e.evidence.map((x) => ({
    fromRecord: record(x.fromRecord),
    toRecord: record(x.toRecord),
    detail: x.detail,
    strength: EvidenceStrength[x.strength],
  })),
  evidenceCount: e.evidenceCount,
});

const hub = (h: model.SkippedHub): SkippedHub => ({
  type: EdgeType[h.type],
  value: h.value,
  persons: h.persons,
});

const reasons = (r: readonly model.TruncationReason[]): TruncationReason[] =>
  r.map((x) => TruncationReason[x]);

export function toNeighbourhood(n: model.Neighbourhood): Neighbourhood {
  return {
    nodes: n.nodes.map((x) => ({ person: { id: x.personId }, hops: x.hops })),
    edges: n.edges.map(edge),
    truncated: n.truncated,
    truncatedBy: reasons(n.truncatedBy),
    skippedHubs: n.skippedHubs.map(hub),
  };
}

export function toPathsResult(p: model.PathsResult): PathsResult {
  return {
    paths: p.paths.map((path) => ({
      persons: path.personIds.map((id) => ({ id })),
      edges: path.edges.map(edge),
    })),
    hops: p.hops,
    truncated: p.truncated,
    truncatedBy: reasons(p.truncatedBy),
    skippedHubs: p.skippedHubs.map(hub),
  };
}
