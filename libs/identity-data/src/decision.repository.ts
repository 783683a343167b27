import type { LinkDecision } from '@mosaic/resolution';
import type { EntityManager } from 'typeorm';

/** A decision as stored: its id, and whether a cannot-link pair kept an AUTO_LINK from joining. */
export interface StoredDecision {
  id: string;
  decision: LinkDecision;
  blocked: boolean;
}

/**
 * Which scored pairs are kept. Most candidate pairs are plain non-matches and
 * explain nothing anyone will ask about; keeping them would outgrow every
 * other table. A NO_LINK with a biometric comparison that spoke for a match
 * is kept: it is the near miss a reviewer or an auditor may need to see.
 */
export function isDecisionKept(decision: LinkDecision): boolean {
  return decision.outcome !== 'NO_LINK' || decision.biometrics.some((b) => b.llr > 0);
}

/** Fifteen parameters a row. */
const CHUNK = 1_000;

/** Link decisions (with their explanation) and the review queue they feed. */
export class DecisionRepository {
  async insertDecisions(
    manager: EntityManager,
    decisions: readonly StoredDecision[],
  ): Promise<void> {
    for (let i = 0; i < decisions.length; i += CHUNK) {
      const params: unknown[] = [];
      const values = decisions.slice(i, i + CHUNK).map(({ id, decision: d, blocked }) => {
        const p = params.length;
        params.push(
          id,
          d.a,
          d.b,
          d.outcome,
          blocked,
          d.llr,
          d.biometricLlr,
          d.probability,
          d.profile,
          JSON.stringify(d.thresholds),
          JSON.stringify(d.contributions),
          JSON.stringify(d.biometrics),
          d.flags,
          d.modelVersion,
          d.thresholdVersion,
        );
        const n = (k: number) => `$${p + k}`;
        return `(${n(1)}::uuid, ${n(2)}, ${n(3)}, ${n(4)}, ${n(5)}::boolean, ${n(6)}::double precision,
          ${n(7)}::double precision, ${n(8)}::double precision, ${n(9)}, ${n(10)}::jsonb, ${n(11)}::jsonb,
          ${n(12)}::jsonb, ${n(13)}::text[], ${n(14)}, ${n(15)})`;
      });
      await manager.query(
        `INSERT INTO link_decision
           (id, a_key, b_key, outcome, blocked, llr, biometric_llr, probability, profile,
            thresholds, contributions, biometrics, flags, model_version, threshold_version)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  /** A PENDING review item for each REVIEW decision among `decisions`. */
  async queueReviews(
    manager: EntityManager,
    decisions: readonly StoredDecision[],
  ): Promise<number> {
    const review = decisions.filter((d) => d.decision.outcome === 'REVIEW');
    if (review.length === 0) return 0;
    await manager.query(
      `INSERT INTO review_item (decision_id, a_key, b_key)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
      [review.map((d) => d.id), review.map((d) => d.decision.a), review.map((d) => d.decision.b)],
    );
    return review.length;
  }
}
