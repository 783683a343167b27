import { useId } from 'react';
import { waterfallLayout, type WaterfallStep } from './waterfall';

const LABEL_WIDTH = 210;
const VALUE_WIDTH = 64;
const ROW = 22;
const AXIS = 22;

const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

/**
 * What each comparison added to the log-likelihood ratio, as a waterfall, with
 * the thresholds the total is compared against. The same numbers are in a
 * table below the chart for screen readers and keyboard users.
 */
export function WaterfallChart({
  steps,
  thresholds = [],
  title,
  width = 640,
}: {
  steps: readonly WaterfallStep[];
  thresholds?: { label: string; value: number | null | undefined }[];
  title: string;
  width?: number;
}) {
  const id = useId();
  const plot = width - LABEL_WIDTH - VALUE_WIDTH;
  const layout = waterfallLayout(steps, { width: plot, rowHeight: ROW, thresholds });
  const height = layout.height + AXIS + 4 + layout.thresholds.length * 12;
  return (
    <figure className="waterfall" data-testid="waterfall">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
      >
        {/* One string child: React renders a <title> with several children empty. */}
        <title id={`${id}-title`}>
          {`${title}: total LLR ${layout.total.toFixed(2)} from ${steps.length} comparisons`}
        </title>
        <g transform={`translate(${LABEL_WIDTH},0)`}>
          {layout.ticks.map((t) => (
            <g key={t.value} className="tick">
              <line x1={t.x} x2={t.x} y1={0} y2={layout.height} />
              <text x={t.x} y={layout.height + 14} textAnchor="middle">
                {t.value}
              </text>
            </g>
          ))}
          <line className="zero" x1={layout.zeroX} x2={layout.zeroX} y1={0} y2={layout.height} />
          {layout.thresholds.map((t, i) => (
            <g key={t.label} className="threshold">
              <line x1={t.x} x2={t.x} y1={0} y2={layout.height} />
              {/* Labels on alternate lines of the axis row, so close thresholds stay readable. */}
              <text x={t.x + 3} y={layout.height + 14 + (i + 1) * 12}>
                {t.label} {t.value.toFixed(1)}
              </text>
            </g>
          ))}
          {layout.bars.map((b, i) => (
            <g key={`${b.name}-${i}`} data-direction={b.direction}>
              <rect
                className={`bar bar-${b.direction}`}
                x={b.x}
                y={b.y + 3}
                width={b.width}
                height={ROW - 6}
              />
              <text className="bar-label" x={-8} y={b.y + ROW / 2 + 4} textAnchor="end">
                {b.name.length > 28 ? `${b.name.slice(0, 27)}…` : b.name}
              </text>
              <text className="bar-value" x={plot + 6} y={b.y + ROW / 2 + 4}>
                {b.direction === 'total' ? b.weight.toFixed(2) : signed(b.weight)}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <details>
        <summary>{title} as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Comparison</th>
              <th scope="col">Level or score</th>
              <th scope="col">LLR added</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s, i) => (
              <tr key={`${s.name}-${i}`}>
                <td>{s.kind}</td>
                <td>{s.name}</td>
                <td>{s.detail}</td>
                <td>{signed(s.weight)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td>{layout.total.toFixed(2)}</td>
            </tr>
          </tfoot>
        </table>
      </details>
    </figure>
  );
}
