// Volume and sentiment per bucket as stacked bars in hand-made SVG: negative at the bottom, then neutral, then
// positive, so a surge of criticism stands out. Each bar has a title for the exact counts.
import { useTranslation } from 'react-i18next';
import type { StatsBucket } from './types.ts';

const W = 720;
const H = 180;
const PAD = { top: 10, right: 8, bottom: 24, left: 32 };

export function VolumeChart({
  series,
  label,
  formatBucket,
}: {
  series: StatsBucket[];
  label: string;
  formatBucket: (iso: string) => string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...series.map((b) => b.total));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(series.length, 1);
  const barW = Math.max(1, step * 0.8);
  const y = (v: number) => (v / max) * innerH;
  const ticks = [0, Math.ceil(max / 2), max];
  const labelEvery = Math.max(1, Math.ceil(series.length / 8));
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="volume-chart"
      role="img"
      aria-label={label}
      data-testid="volume-chart"
    >
      {ticks.map((v) => (
        <g key={v}>
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={PAD.top + innerH - y(v)}
            y2={PAD.top + innerH - y(v)}
            className="volume-chart__grid"
          />
          <text
            x={PAD.left - 4}
            y={PAD.top + innerH - y(v) + 4}
            textAnchor="end"
            className="volume-chart__axis"
          >
            {v}
          </text>
        </g>
      ))}
      {series.map((b, i) => {
        const x = PAD.left + i * step + (step - barW) / 2;
        let base = PAD.top + innerH;
        const parts = (['negative', 'neutral', 'positive'] as const).map((k) => {
          const h = y(b[k]);
          base -= h;
          return h > 0 ? (
            <rect key={k} x={x} y={base} width={barW} height={h} className={`volume-chart__${k}`} />
          ) : null;
        });
        return (
          <g key={b.start} data-total={b.total}>
            <title>
              {`${formatBucket(b.start)}: ${b.total} — ${t('listen.sentiment.positive')} ${b.positive}, ${t('listen.sentiment.neutral')} ${b.neutral}, ${t('listen.sentiment.negative')} ${b.negative}`}
            </title>
            <rect x={PAD.left + i * step} y={PAD.top} width={step} height={innerH} fill="transparent" />
            {parts}
            {i % labelEvery === 0 && (
              <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="volume-chart__axis">
                {formatBucket(b.start)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
