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
  storms = [],
}: {
  series: StatsBucket[];
  label: string;
  formatBucket: (iso: string) => string;
  /** Storm episodes to mark behind the bars (src: StormTimeline). */
  storms?: { id: string; openedAt: string; closedAt: string | null }[];
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
  // Time → x: buckets are equally long; the last one ends one bucket after its start.
  const t0 = series.length ? new Date(series[0]!.start).getTime() : 0;
  const span = series.length > 1 ? new Date(series[1]!.start).getTime() - t0 : 3_600_000;
  const xAt = (ms: number) => PAD.left + Math.min(series.length, Math.max(0, (ms - t0) / span)) * step;
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
      {series.length > 0 &&
        storms.map((s) => {
          const x1 = xAt(new Date(s.openedAt).getTime());
          const x2 = xAt(s.closedAt ? new Date(s.closedAt).getTime() : Date.now());
          if (x2 <= PAD.left || x1 >= PAD.left + innerW) return null;
          return (
            <rect
              key={s.id}
              x={x1}
              y={PAD.top}
              width={Math.max(3, x2 - x1)}
              height={innerH}
              className="volume-chart__storm"
              data-testid="chart-storm"
            >
              <title>{t('listen.storms.chartMark')}</title>
            </rect>
          );
        })}
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
