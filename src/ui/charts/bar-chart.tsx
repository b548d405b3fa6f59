/**
 * A horizontal bar chart rendered on the server as SVG: no script, no external resource, colours as SVG
 * attributes (the CSP forbids inline styles). It is an image with a title and a text alternative; the
 * numbers themselves belong in a data table beside it (see data-table.tsx).
 */
export interface Bar {
  label: string;
  /** null: not shown (suppressed); the bar is left out and `missingText` written instead. */
  value: number | null;
  /** Indentation level, for a tree (a theme under its domain, an entity under its parent). */
  depth?: number;
}

interface BarChartProps {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two. */
  description: string;
  bars: Bar[];
  missingText: string;
  formatValue?: (value: number) => string;
}

const width = 640;
const labelWidth = 250;
const valueWidth = 70;
const barHeight = 18;
const gap = 8;
const fontSize = 13;

/** Cuts a label to what fits beside the bars; the full text is in the data table. */
function fit(label: string, depth: number): string {
  const room = Math.floor((labelWidth - 8 - depth * 12) / (fontSize * 0.55));
  return label.length > room ? `${label.slice(0, Math.max(1, room - 1))}…` : label;
}

export function BarChart({ id, title, description, bars, missingText, formatValue = String }: BarChartProps) {
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const plot = width - labelWidth - valueWidth;
  const height = bars.length * (barHeight + gap) + gap;
  return (
    <figure class="ib-chart">
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height} xmlns="http://www.w3.org/2000/svg" font-size={fontSize} font-family="sans-serif">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, index) => {
          const y = gap + index * (barHeight + gap);
          const depth = bar.depth ?? 0;
          const length = bar.value === null ? 0 : Math.max(bar.value > 0 ? 1 : 0, Math.round((bar.value / max) * plot));
          return (
            <g key={index} aria-hidden="true">
              <text x={4 + depth * 12} y={y + barHeight - 4} fill="#1a1a2e" font-weight={depth === 0 ? 'bold' : undefined}>
                {fit(bar.label, depth)}
              </text>
              {bar.value === null ? (
                <text x={labelWidth} y={y + barHeight - 4} fill="#4a4a5a" font-style="italic">
                  {missingText}
                </text>
              ) : (
                <>
                  <rect x={labelWidth} y={y} width={length} height={barHeight} fill="#1f4e79" />
                  <text x={labelWidth + length + 6} y={y + barHeight - 4} fill="#1a1a2e">
                    {formatValue(bar.value)}
                  </text>
                </>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A plain-language text alternative: the largest bars, and how many are not shown. */
export function describeBars(bars: Bar[], words: { largest: (list: string) => string; hidden: (count: number) => string; none: string }, formatValue: (value: number) => string = String): string {
  const shown = bars.filter((bar) => bar.value !== null && bar.value > 0).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const hidden = bars.filter((bar) => bar.value === null).length;
  const parts: string[] = [];
  parts.push(shown.length ? words.largest(shown.slice(0, 3).map((bar) => `${bar.label} (${formatValue(bar.value!)})`).join(', ')) : words.none);
  if (hidden) parts.push(words.hidden(hidden));
  return parts.join(' ');
}
