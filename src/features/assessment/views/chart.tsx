/** The report's bar chart as server-rendered SVG: one bar per dimension on the 1–5 scale, a marker for the peer median; described for screen readers, with the data table beside it. */
import { levelCount } from '../model-definition.ts';

export interface ChartBar {
  label: string;
  value: number | null;
  /** The peers' median, drawn as a marker when the benchmark is shown. */
  median?: number | null | undefined;
}

const labelWidth = 280;
const plotWidth = 420;
const rowHeight = 30;
const top = 10;
const axisHeight = 30;

export function ScoreChart({ bars, title, description, id }: { bars: ChartBar[]; title: string; description: string; id: string }) {
  const height = top + bars.length * rowHeight + axisHeight;
  const x = (value: number) => labelWidth + (value / levelCount) * plotWidth;
  return (
    <svg class="ib-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${labelWidth + plotWidth + 20} ${height}`} width="100%" xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {[0, 1, 2, 3, 4, 5].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={top} y2={top + bars.length * rowHeight} stroke="#9ca3af" stroke-width="1" />
          <text x={x(tick)} y={height - 10} text-anchor="middle" font-size="13" fill="#1a1a2e">
            {tick}
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const y = top + index * rowHeight;
        return (
          <g key={index}>
            <text x={labelWidth - 8} y={y + rowHeight / 2 + 5} text-anchor="end" font-size="13" fill="#1a1a2e">
              {bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label}
            </text>
            {bar.value !== null ? <rect x={labelWidth} y={y + 6} width={(bar.value / levelCount) * plotWidth} height={rowHeight - 12} fill="#1f4e79" /> : null}
            {bar.median !== undefined && bar.median !== null ? (
              <line x1={x(bar.median)} x2={x(bar.median)} y1={y + 2} y2={y + rowHeight - 2} stroke="#b45309" stroke-width="4" />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
