/**
 * A calibrated probability as text a person can quote: never "100 %" or
 * "0 %", because a calibrated model is never certain; below 0.01 % it reads
 * as a bound rather than a precise-looking tiny number.
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return 'unknown';
  const clamped = Math.min(1, Math.max(0, p));
  if (clamped >= 0.999) return '>99.9 %';
  if (clamped < 0.0001) return '<0.01 %';
  if (clamped < 0.01) return `${(clamped * 100).toFixed(2)} %`;
  return `${(clamped * 100).toFixed(1)} %`;
}

/** aria-valuenow must be a plain decimal: no exponent, six places at most. */
export function ariaValue(p: number): number {
  if (!Number.isFinite(p)) return 0;
  return Math.round(Math.min(1, Math.max(0, p)) * 1e6) / 1e6;
}

/** The bar's filled share in percent, with a visible sliver for any non-zero probability. */
export function barWidthPercent(p: number): number {
  if (!Number.isFinite(p) || p <= 0) return 0;
  return Math.max(0.75, Math.min(100, p * 100));
}

/** Colour band: the text says the number; the band only helps scanning a list. */
export function probabilityBand(p: number): 'high' | 'medium' | 'low' {
  if (p >= 0.9) return 'high';
  if (p >= 0.5) return 'medium';
  return 'low';
}

export function ProbabilityBar({ probability, label }: { probability: number; label: string }) {
  const text = formatProbability(probability);
  return (
    <div className="probability">
      <div
        className="probability-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={ariaValue(probability)}
        aria-valuetext={text}
      >
        <div
          className={`probability-fill band-${probabilityBand(probability)}`}
          style={{ width: `${barWidthPercent(probability)}%` }}
        />
      </div>
      <span className="probability-text">{text}</span>
    </div>
  );
}
