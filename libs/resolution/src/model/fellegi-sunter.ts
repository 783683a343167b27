import type { ComparisonField, ComparisonVector } from '../comparison';
import { termProbability, type TermFrequencyTable } from './term-frequency';

/** m and u per level of one comparison field. */
export interface FieldModel {
  field: string;
  levels: readonly string[];
  /** P(level | same person). */
  m: number[];
  /** P(level | different persons). */
  u: number[];
  termFrequency: boolean;
  /** Indices of the fields this one is confounded with, and the level from which they count as agreeing. */
  confoundedWith?: { fields: number[]; level: number };
}

export interface FellegiSunterModel {
  /** Share of candidate pairs that are the same person (EM's estimate). */
  lambda: number;
  fields: FieldModel[];
  /** Term-frequency tables of the TF-adjusted fields, by field name. */
  termFrequencies: Record<string, TermFrequencyTable>;
  em: { pairs: number; iterations: number; converged: boolean; uPairs: number };
}

export interface FieldContribution {
  field: string;
  level: string;
  /** Natural-log weight ln(m/u) this field added to the pair's log-likelihood ratio. */
  weight: number;
  /** The value agreed on when the weight was adjusted by its frequency. */
  termValue?: string;
}

const MIN_PROBABILITY = 1e-6;

/** ln(m/u) for one field at one level, adjusted by term frequency at the top level. */
export function fieldWeight(
  model: FellegiSunterModel,
  fieldIndex: number,
  level: number,
  termValue: string | null,
): number {
  const field = model.fields[fieldIndex] as FieldModel;
  const m = Math.max(MIN_PROBABILITY, field.m[level] as number);
  let u = Math.max(MIN_PROBABILITY, field.u[level] as number);
  if (level === 0 && field.termFrequency && termValue !== null) {
    const table = model.termFrequencies[field.field];
    if (table) u = Math.max(MIN_PROBABILITY, termProbability(table, termValue));
  }
  return Math.log(m / u);
}

function confounded(field: FieldModel, vector: ComparisonVector): boolean {
  const c = field.confoundedWith;
  if (!c) return false;
  for (const f of c.fields) {
    const level = vector.levels[f] as number;
    if (level >= 0 && level <= c.level) return true;
  }
  return false;
}

/** A field's weight in this pair, after term frequency and confounding. */
function pairFieldWeight(
  model: FellegiSunterModel,
  f: number,
  level: number,
  vector: ComparisonVector,
): number {
  const weight = fieldWeight(model, f, level, vector.tfValues[f] ?? null);
  return weight > 0 && confounded(model.fields[f] as FieldModel, vector) ? 0 : weight;
}

/** The biographic log-likelihood ratio of a pair and its per-field waterfall. */
export function scoreComparison(
  model: FellegiSunterModel,
  vector: ComparisonVector,
): { llr: number; contributions: FieldContribution[] } {
  let llr = 0;
  const contributions: FieldContribution[] = [];
  for (let f = 0; f < model.fields.length; f++) {
    const level = vector.levels[f] as number;
    if (level < 0) continue;
    const termValue = vector.tfValues[f] ?? null;
    const weight = pairFieldWeight(model, f, level, vector);
    llr += weight;
    const field = model.fields[f] as FieldModel;
    const contribution: FieldContribution = {
      field: field.field,
      level: field.levels[level] as string,
      weight,
    };
    if (level === 0 && field.termFrequency && termValue !== null)
      contribution.termValue = termValue;
    contributions.push(contribution);
  }
  return { llr, contributions };
}

/** The biographic LLR alone, without building the waterfall (the hot path). */
export function comparisonLlr(model: FellegiSunterModel, vector: ComparisonVector): number {
  let llr = 0;
  for (let f = 0; f < model.fields.length; f++) {
    const level = vector.levels[f] as number;
    if (level >= 0) llr += pairFieldWeight(model, f, level, vector);
  }
  return llr;
}

export interface EmInput {
  fields: readonly ComparisonField[];
  /** Comparison vectors of candidate pairs (unlabelled). */
  candidatePairs: readonly ComparisonVector[];
  /** Known biometric LLR of each candidate pair (0 when the pair has none). */
  biometricLlr: ArrayLike<number>;
  /** Comparison vectors of random record pairs: nearly all different persons, so they give u. */
  randomPairs: readonly ComparisonVector[];
  termFrequencies: Record<string, TermFrequencyTable>;
  maxIterations?: number;
  tolerance?: number;
}

function levelCounts(
  fields: readonly ComparisonField[],
  vectors: readonly ComparisonVector[],
  weightOf: (i: number) => number,
): number[][] {
  const counts = fields.map((f) => new Array<number>(f.levels.length).fill(0));
  vectors.forEach((vector, i) => {
    const w = weightOf(i);
    for (let f = 0; f < fields.length; f++) {
      const level = vector.levels[f] as number;
      if (level >= 0)
        (counts[f] as number[])[level] = ((counts[f] as number[])[level] as number) + w;
    }
  });
  return counts;
}

/** Additive smoothing keeps every level possible: no pair is ever ruled in or out by one field. */
function normalise(counts: number[], pseudo: number): number[] {
  const total = counts.reduce((s, c) => s + c + pseudo, 0);
  return counts.map((c) => (c + pseudo) / total);
}

/**
 * Expectation–maximisation for m and λ on unlabelled candidate pairs, with u
 * fixed from random pairs (Jaro 1989; the splink practice). The biometric LLR,
 * already calibrated on labelled scores, enters each pair's posterior as known
 * evidence, which anchors the match class when names are ambiguous.
 */
export function estimateFellegiSunter(input: EmInput): FellegiSunterModel {
  const { fields, candidatePairs, randomPairs } = input;
  if (candidatePairs.length === 0 || randomPairs.length === 0) {
    throw new Error('EM needs candidate pairs and random pairs');
  }
  const u = levelCounts(fields, randomPairs, () => 1).map((c) => normalise(c, 0.5));
  // Start from a model that believes agreement: EM moves away from it quickly.
  let m = fields.map((f) =>
    normalise(
      f.levels.map((_, i) => (i === 0 ? 0.8 : 0.2 / Math.max(1, f.levels.length - 1))),
      0,
    ),
  );
  let lambda = 0.1;
  const maxIterations = input.maxIterations ?? 200;
  const tolerance = input.tolerance ?? 1e-7;
  const posterior = new Float64Array(candidatePairs.length);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations && !converged; iterations++) {
    const logPrior = Math.log(lambda / (1 - lambda));
    for (let i = 0; i < candidatePairs.length; i++) {
      const vector = candidatePairs[i] as ComparisonVector;
      let llr = logPrior + (input.biometricLlr[i] as number);
      for (let f = 0; f < fields.length; f++) {
        const level = vector.levels[f] as number;
        if (level >= 0) {
          llr += Math.log(
            Math.max(MIN_PROBABILITY, (m[f] as number[])[level] as number) /
              Math.max(MIN_PROBABILITY, (u[f] as number[])[level] as number),
          );
        }
      }
      posterior[i] = 1 / (1 + Math.exp(-llr));
    }
    let sum = 0;
    for (let i = 0; i < posterior.length; i++) sum += posterior[i] as number;
    const nextLambda = Math.min(1 - 1e-6, Math.max(1e-6, sum / posterior.length));
    const nextM = levelCounts(fields, candidatePairs, (i) => posterior[i] as number).map((c) =>
      normalise(c, 0.5),
    );
    let change = Math.abs(nextLambda - lambda);
    nextM.forEach((levels, f) =>
      levels.forEach((p, l) => {
        change = Math.max(change, Math.abs(p - ((m[f] as number[])[l] as number)));
      }),
    );
    m = nextM;
    lambda = nextLambda;
    converged = change < tolerance;
  }
  return {
    lambda,
    fields: fields.map((f, i) => {
      const model: FieldModel = {
        field: f.field,
        levels: [...f.levels],
        m: m[i] as number[],
        u: u[i] as number[],
        termFrequency: f.termFrequency,
      };
      if (f.confoundedWith) {
        model.confoundedWith = {
          fields: f.confoundedWith.fields.map((name) => fields.findIndex((x) => x.field === name)),
          level: f.confoundedWith.level,
        };
      }
      return model;
    }),
    termFrequencies: input.termFrequencies,
    em: { pairs: candidatePairs.length, iterations, converged, uPairs: randomPairs.length },
  };
}
