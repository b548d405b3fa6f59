/**
 * The vulnerability profile as a server-rendered SVG bar chart: residual risk per process, highest first,
 * with the medium and high thresholds drawn in. It carries role="img", a title and a description, and the
 * page always puts the same figures in a table beside it; no script.
 */
import type { Translate } from '../../../../platform/i18n/translate.ts';
import type { RiskReport } from '../report.ts';
import type { RiskLevel } from '../score.ts';

const colours: Record<RiskLevel, string> = { low: '#2e7d32', medium: '#a35200', high: '#b00020' };

const labelWidth = 220;
const barWidth = 380;
const valueWidth = 60;
const rowHeight = 26;
const top = 24;

/** SVG text does not wrap: long names are shortened here and given in full in the table. */
function shorten(name: string, max = 30): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

export function RiskChart({ report, t }: { report: RiskReport; t: Translate }) {
  const width = labelWidth + barWidth + valueWidth;
  const height = top + report.rows.length * rowHeight + 8;
  const x = (value: number) => labelWidth + (value / 100) * barWidth;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby="risk-chart-title risk-chart-desc"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      class="ib-chart"
    >
      <title id="risk-chart-title">{t('risk.report.chartTitle')}</title>
      <desc id="risk-chart-desc">{t('risk.report.chartDesc', { medium: report.thresholds.medium, high: report.thresholds.high })}</desc>
      {(['medium', 'high'] as const).map((level) => (
        <g key={level}>
          <line x1={x(report.thresholds[level])} x2={x(report.thresholds[level])} y1={top - 6} y2={height - 4} stroke={colours[level]} stroke-dasharray="4 3" />
          <text x={x(report.thresholds[level])} y={top - 10} font-size="11" text-anchor="middle" fill="#1a1a1a">
            {report.thresholds[level]}
          </text>
        </g>
      ))}
      {report.rows.map((row, index) => {
        const y = top + index * rowHeight;
        return (
          <g key={index}>
            <text x={labelWidth - 8} y={y + 17} font-size="13" text-anchor="end" fill="#1a1a1a">
              {shorten(row.name)}
            </text>
            <rect x={labelWidth} y={y + 4} width={Math.max(1, (row.score.residual / 100) * barWidth)} height={rowHeight - 8} fill={colours[row.score.level]} />
            <text x={x(row.score.residual) + 6} y={y + 17} font-size="13" fill="#1a1a1a">
              {row.score.residual}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
