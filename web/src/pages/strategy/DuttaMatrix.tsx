// Dutta's matrix (000, 001) as a real chart: personal ↔ professional tone across, private (closed network) ↔
// public up. Channels are dragged, placed by click, or moved with the arrow keys.
import { type KeyboardEvent, type MouseEvent, type PointerEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Channel, type Network, QUADRANTS, type Quadrant, quadrantOf } from './types.ts';

const W = 640;
const H = 480;
const PAD = { left: 44, top: 12, right: 12, bottom: 40 };
const PW = W - PAD.left - PAD.right;
const PH = H - PAD.top - PAD.bottom;

export const NETWORK_MARK: Record<Network, { color: string; mark: string }> = {
  bluesky: { color: '#1185fe', mark: 'B' },
  mastodon: { color: '#6364ff', mark: 'M' },
  blog: { color: '#b45309', mark: 'Bl' },
  linkedin: { color: '#0a66c2', mark: 'in' },
  x: { color: '#111827', mark: 'X' },
  facebook: { color: '#1877f2', mark: 'f' },
  instagram: { color: '#c13584', mark: 'Ig' },
  youtube: { color: '#dc2626', mark: 'YT' },
  threads: { color: '#374151', mark: '@' },
  internal: { color: '#0f766e', mark: 'In' },
  newsletter: { color: '#7c3aed', mark: 'N' },
  other: { color: '#64748b', mark: '•' },
};

export const toSvg = (x: number, y: number) => ({ cx: PAD.left + x * PW, cy: PAD.top + (1 - y) * PH });

/** Keeps a position inside the chart and off the dividing lines, so every channel has one quadrant. */
export function settle(v: number, towards: number): number {
  const clamped = Math.min(0.97, Math.max(0.03, v));
  if (Math.abs(clamped - 0.5) < 0.02) return towards < 0.5 ? 0.47 : 0.53;
  return Math.round(clamped * 1000) / 1000;
}

const QUADRANT_BOX: Record<Quadrant, { x: number; y: number }> = {
  personal_public: { x: 0, y: 0 },
  professional_public: { x: 0.5, y: 0 },
  personal_private: { x: 0, y: 0.5 },
  professional_private: { x: 0.5, y: 0.5 },
};

interface Props {
  channels: Channel[];
  canEdit: boolean;
  /** The channel waiting to be placed by a click on the chart. */
  placing: string | null;
  onPlace: (channelId: string, x: number, y: number) => void;
  onSelect: (channelId: string | null) => void;
}

export function DuttaMatrix({ channels, canEdit, placing, onPlace, onSelect }: Props) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number; moved: boolean } | null>(null);

  function pointAt(clientX: number, clientY: number) {
    const el = svg.current;
    const ctm = el?.getScreenCTM();
    if (!el || !ctm) return null;
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: (p.x - PAD.left) / PW, y: 1 - (p.y - PAD.top) / PH };
  }

  function onBackgroundClick(event: MouseEvent<SVGRectElement>) {
    if (!placing || !canEdit) return;
    const p = pointAt(event.clientX, event.clientY);
    if (p) onPlace(placing, settle(p.x, p.x), settle(p.y, p.y));
  }

  function onDotDown(event: PointerEvent<SVGGElement>, c: Channel) {
    if (!canEdit || c.x === null || c.y === null) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ id: c.id, x: c.x, y: c.y, moved: false });
  }

  function onDotMove(event: PointerEvent<SVGGElement>) {
    if (!drag) return;
    const p = pointAt(event.clientX, event.clientY);
    if (p)
      setDrag({ ...drag, x: Math.min(1, Math.max(0, p.x)), y: Math.min(1, Math.max(0, p.y)), moved: true });
  }

  function onDotUp(c: Channel) {
    if (!drag) return;
    if (drag.moved) onPlace(c.id, settle(drag.x, drag.x), settle(drag.y, drag.y));
    else onSelect(placing === c.id ? null : c.id);
    setDrag(null);
  }

  function onDotKey(event: KeyboardEvent<SVGGElement>, c: Channel) {
    if (!canEdit || c.x === null || c.y === null) return;
    const step = event.shiftKey ? 0.01 : 0.05;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    // Crossing a dividing line is allowed: a step from 0.53 lands on the far side, not on the line.
    const nx = c.x + move[0];
    const ny = c.y + move[1];
    onPlace(c.id, settle(nx, nx + move[0]), settle(ny, ny + move[1]));
  }

  const placed = channels.filter((c) => c.x !== null && c.y !== null);
  return (
    <figure className={`matrix${placing ? ' matrix--placing' : ''}`} data-testid="matrix">
      <svg ref={svg} viewBox={`0 0 ${W} ${H}`}>
        <title>{t('strategy.matrix.label')}</title>
        {QUADRANTS.map((q) => {
          const box = QUADRANT_BOX[q];
          const x = PAD.left + box.x * PW;
          const y = PAD.top + box.y * PH;
          return (
            <g key={q} className={`matrix__quadrant matrix__quadrant--${q}`}>
              {/* biome-ignore lint/a11y/noStaticElementInteractions: a click places the chosen channel; keyboards use the quadrant field and the arrow keys. */}
              <rect
                x={x}
                y={y}
                width={PW / 2}
                height={PH / 2}
                data-testid={`matrix-quadrant-${q}`}
                onClick={onBackgroundClick}
              />
              <text x={x + 12} y={y + 22} className="matrix__quadrant-name">
                {t(`strategy.vocab.quadrant.${q}`)}
              </text>
              <text x={x + 12} y={y + 40} className="matrix__quadrant-examples">
                {t(`strategy.matrix.examples.${q}`)}
              </text>
            </g>
          );
        })}
        <line
          x1={PAD.left + PW / 2}
          x2={PAD.left + PW / 2}
          y1={PAD.top}
          y2={PAD.top + PH}
          className="matrix__axis"
        />
        <line
          x1={PAD.left}
          x2={PAD.left + PW}
          y1={PAD.top + PH / 2}
          y2={PAD.top + PH / 2}
          className="matrix__axis"
        />
        <text x={PAD.left} y={H - 12} className="matrix__axis-label">
          ← {t('strategy.matrix.personal')}
        </text>
        <text x={PAD.left + PW / 2} y={H - 12} className="matrix__axis-title" textAnchor="middle">
          {t('strategy.matrix.tone')}
        </text>
        <text x={PAD.left + PW} y={H - 12} className="matrix__axis-label" textAnchor="end">
          {t('strategy.matrix.professional')} →
        </text>
        <g transform={`translate(18 ${PAD.top + PH}) rotate(-90)`}>
          <text x={0} y={0} className="matrix__axis-label">
            ← {t('strategy.matrix.private')}
          </text>
          <text x={PH / 2} y={0} className="matrix__axis-title" textAnchor="middle">
            {t('strategy.matrix.reach')}
          </text>
          <text x={PH} y={0} className="matrix__axis-label" textAnchor="end">
            {t('strategy.matrix.public')} →
          </text>
        </g>
        {placed.map((c) => {
          const live = drag?.id === c.id ? drag : { x: c.x!, y: c.y! };
          const { cx, cy } = toSvg(live.x, live.y);
          const mark = NETWORK_MARK[c.network];
          const quadrant = quadrantOf(live.x, live.y);
          const label = c.handle.length > 24 ? `${c.handle.slice(0, 23)}…` : c.handle;
          const leftSide = live.x > 0.78;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it takes its role.
            <g
              key={c.id}
              className={`matrix__channel${placing === c.id ? ' matrix__channel--selected' : ''}${drag?.id === c.id ? ' matrix__channel--dragging' : ''}`}
              transform={`translate(${cx} ${cy})`}
              tabIndex={0}
              role="button"
              aria-label={t('strategy.matrix.channelLabel', {
                channel: `${t(`strategy.vocab.network.${c.network}`)} ${c.handle}`,
                quadrant: t(`strategy.vocab.quadrant.${quadrant}`),
              })}
              data-testid={`matrix-channel-${c.id}`}
              data-quadrant={quadrant}
              onPointerDown={(e) => onDotDown(e, c)}
              onPointerMove={onDotMove}
              onPointerUp={() => onDotUp(c)}
              onKeyDown={(e) => onDotKey(e, c)}
            >
              <circle r={15} fill={mark.color} className="matrix__dot" />
              <text className="matrix__mark" textAnchor="middle" dominantBaseline="central">
                {mark.mark}
              </text>
              <text
                className="matrix__handle"
                x={leftSide ? -21 : 21}
                textAnchor={leftSide ? 'end' : 'start'}
                dominantBaseline="central"
              >
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="matrix__caption muted small">
        {placing
          ? t('strategy.matrix.placingHint')
          : canEdit
            ? t('strategy.matrix.hint')
            : t('strategy.matrix.hintReadOnly')}
      </figcaption>
    </figure>
  );
}
