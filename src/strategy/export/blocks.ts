// The plan as a document a leader can send to the board: a list of blocks (headings, paragraphs, tables) that
// the Markdown and PDF renderers each turn into their format. Pure: no I/O.
import type { Locale } from '../../team/schema.ts';
import type { HealthReport } from '../health/report.ts';
import type { PlanDocument } from '../service.ts';
import { DOCUMENT_TEXTS } from '../texts/document.ts';
import { joinList, LABELS } from '../texts/labels.ts';
import { KPI_KINDS, type KpiParams, type KpiUnit, quadrantOf } from '../vocabulary.ts';

export interface Span {
  text: string;
  strong?: boolean;
  muted?: boolean;
}

export type Block =
  | { kind: 'title'; text: string; subtitle: string }
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'list'; items: Span[][] }
  | { kind: 'table'; head: string[]; rows: string[][]; firstColumnHeads?: boolean };

export interface ExportContext {
  locale: Locale;
  orgName: string;
  timeZone: string;
  now: Date;
}

const p = (...spans: Span[]): Block => ({ kind: 'paragraph', spans });
const text = (value: string): Span => ({ text: value });
const strong = (value: string): Span => ({ text: value, strong: true });
const muted = (value: string): Span => ({ text: value, muted: true });
const h2 = (value: string): Block => ({ kind: 'heading', level: 2, text: value });
const h3 = (value: string): Block => ({ kind: 'heading', level: 3, text: value });

export function planBlocks(doc: PlanDocument, report: HealthReport, ctx: ExportContext): Block[] {
  const T = DOCUMENT_TEXTS[ctx.locale];
  const L = LABELS[ctx.locale];
  const number = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long', timeZone: ctx.timeZone });
  const isoDay = (iso: string) =>
    new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  const quote = (value: string) =>
    ctx.locale === 'de' ? `„${value}“` : ctx.locale === 'en' ? `“${value}”` : `«${value}»`;
  const orNot = (value: string) => (value.trim() ? text(value.trim()) : muted(T.notWritten));
  const channelName = new Map(doc.channels.map((c) => [c.id, c.handle]));
  const audienceName = new Map(doc.audiences.map((a) => [a.id, a.name]));
  const { plan } = doc;
  const blocks: Block[] = [];

  blocks.push({
    kind: 'title',
    text: plan.personUserId ? T.titlePerson(plan.personName ?? '') : T.titleOrg(ctx.orgName),
    subtitle: `${T.changed(day.format(plan.updatedAt))} · ${T.score(report.score)}`,
  });

  blocks.push(h2(T.section.purpose), p(orNot(plan.purpose)));

  blocks.push(h2(T.section.goals));
  if (doc.goals.length === 0) blocks.push(p(muted(T.noneYet)));
  const withUnit = (value: number | null, unit: KpiUnit, label: string | null | undefined) => {
    if (value === null) return '–';
    const n = number.format(value);
    if (unit === 'percent') return `${n} %`;
    if (unit === 'count') return n;
    if (unit === 'custom') return label ? `${n} ${label}` : n;
    return `${n} ${L.unit[unit]}`;
  };
  const details = (params: KpiParams) =>
    [
      params.term ? quote(params.term) : '',
      params.competitors?.length ? `vs ${joinList(ctx.locale, params.competitors)}` : '',
      params.audienceId ? (audienceName.get(params.audienceId) ?? '') : '',
      params.channelId ? (channelName.get(params.channelId) ?? '') : '',
      params.description ?? '',
    ]
      .filter(Boolean)
      .join(' · ');
  doc.goals.forEach((goal, i) => {
    blocks.push(h3(`${i + 1}. ${goal.title}`));
    blocks.push(p(strong(`${T.objective}: `), text(L.objective[goal.objective])));
    if (goal.objectiveNote.trim()) blocks.push(p(strong(`${T.supports}: `), text(goal.objectiveNote.trim())));
    if (goal.kpis.length === 0) blocks.push(p(muted(T.noKpis)));
    else
      blocks.push({
        kind: 'table',
        head: T.kpiHead,
        rows: goal.kpis.map((k) => {
          const unit = KPI_KINDS[k.kind].unit;
          return [
            L.kpiKind[k.kind],
            details(k.params) || '–',
            withUnit(k.baseline, unit, k.params.unitLabel),
            withUnit(k.target, unit, k.params.unitLabel),
            k.targetDate ? isoDay(k.targetDate) : '–',
          ];
        }),
      });
  });

  blocks.push(h2(T.section.audiences));
  if (doc.audiences.length === 0) blocks.push(p(muted(T.noneYet)));
  else
    blocks.push(
      {
        kind: 'table',
        head: T.audienceHead,
        rows: doc.audiences.map((a) => [a.name, L.participation[a.participation], a.offer.trim() || '–']),
      },
      p(muted(T.ladder)),
    );

  blocks.push(h2(T.section.channels), h3(T.decisions));
  const hours = doc.responsibilities
    .filter((r) => r.isMember)
    .reduce((sum, r) => sum + (r.hoursPerWeek ?? 0), 0);
  const people = new Set(
    doc.responsibilities.filter((r) => r.isMember && (r.hoursPerWeek ?? 0) > 0).map((r) => r.userId),
  ).size;
  blocks.push({
    kind: 'list',
    items: [
      [
        strong(`${T.decision.goals}: `),
        text(plan.goalOrientation ? L.goalOrientation[plan.goalOrientation] : T.notDecided),
      ],
      [strong(`${T.decision.audience}: `), text(plan.reach ? L.reach[plan.reach] : T.notDecided)],
      [
        strong(`${T.decision.resources}: `),
        text(hours > 0 ? T.hours(number.format(hours), people) : T.notDecided),
      ],
    ],
  });
  if (doc.channels.length === 0) blocks.push(p(muted(T.noneYet)));
  else {
    const inQuadrant = (q: string) =>
      doc.channels
        .filter((c) => c.x !== null && c.y !== null && quadrantOf(c.x, c.y) === q)
        .map((c) => `${c.handle} (${L.network[c.network]})`)
        .join(', ') || '–';
    blocks.push({
      kind: 'table',
      head: ['', T.axis.personal, T.axis.professional],
      firstColumnHeads: true,
      rows: [
        [T.axis.public, inQuadrant('personal_public'), inQuadrant('professional_public')],
        [T.axis.private, inQuadrant('personal_private'), inQuadrant('professional_private')],
      ],
    });
    blocks.push({
      kind: 'table',
      head: T.channelHead,
      rows: doc.channels.map((c) => [
        `${c.handle} (${L.network[c.network]})`,
        c.x !== null && c.y !== null ? L.quadrant[quadrantOf(c.x, c.y)] : T.notPlaced,
        c.reason.trim() || '–',
        [c.contentPlan.trim(), c.postsPerWeek !== null ? T.perWeek(number.format(c.postsPerWeek)) : '']
          .filter(Boolean)
          .join(' · ') || '–',
        c.audienceIds
          .map((id) => audienceName.get(id) ?? '')
          .filter(Boolean)
          .join(', ') || '–',
      ]),
    });
  }

  blocks.push(h2(T.section.topics));
  for (const stance of ['in', 'out'] as const) {
    const topics = doc.topics.filter((t) => t.stance === stance);
    blocks.push(h3(L.stance[stance]));
    if (topics.length === 0) blocks.push(p(muted(T.noneYet)));
    else
      blocks.push({
        kind: 'list',
        items: topics.map((t) => [
          strong(t.name),
          ...(t.examples.length ? [text(` – ${T.examples}: ${t.examples.map(quote).join(', ')}`)] : []),
          ...(t.note.trim() ? [muted(` (${t.note.trim()})`)] : []),
        ]),
      });
  }
  blocks.push(h3(T.notAppear), p(orNot(plan.notAppear)));

  blocks.push(h2(T.section.presence), h3(T.offensive));
  blocks.push(p(strong(`${T.vision}: `), orNot(plan.vision)));
  if (plan.keyMessages.length > 0)
    blocks.push(p(strong(`${T.keyMessages}:`)), {
      kind: 'list',
      items: plan.keyMessages.map((m) => [text(m)]),
    });
  else blocks.push(p(strong(`${T.keyMessages}: `), muted(T.noneYet)));
  blocks.push(h3(T.defensive));
  if (doc.watchTerms.length === 0) blocks.push(p(muted(T.noneYet)));
  else
    blocks.push({
      kind: 'list',
      items: doc.watchTerms.map((w) => [
        strong(`${L.watchKind[w.kind]}: `),
        text(w.term),
        ...(w.note.trim() ? [muted(` (${w.note.trim()})`)] : []),
      ]),
    });

  blocks.push(h2(T.section.team));
  blocks.push({
    kind: 'list',
    items: [
      [strong(`${T.leader}: `), plan.leaderName ? text(plan.leaderName) : muted(T.notDecided)],
      [strong(`${T.backing}: `), orNot(plan.leaderBacking)],
      [strong(`${T.rewards}: `), orNot(plan.rewards)],
      [strong(`${T.peers}: `), orNot(plan.peerNetwork)],
    ],
  });
  if (doc.responsibilities.length > 0)
    blocks.push({
      kind: 'table',
      head: T.teamHead,
      rows: doc.responsibilities.map((r) => [
        r.isMember ? r.name : `${r.name} (${T.formerMember})`,
        r.responsibility,
        r.hoursPerWeek !== null ? number.format(r.hoursPerWeek) : '–',
        r.commitment ? L.commitment[r.commitment] : '–',
      ]),
    });

  blocks.push(h2(T.section.health));
  blocks.push(
    p(
      strong(T.score(report.score)),
      text(` – ${T.counts(report.counts.critical, report.counts.warning, report.counts.info)}`),
    ),
  );
  if (report.findings.length === 0) blocks.push(p(muted(T.noFindings)));
  else
    blocks.push({
      kind: 'list',
      items: report.findings.map((f) => [
        strong(`${T.severity[f.severity]}: ${f.title}. `),
        text(`${f.explanation} `),
        text(`${T.nextStep}: ${f.nextStep} `),
        muted(`(${T.source}: ${f.source})`),
      ]),
    });

  blocks.push(p(muted(T.footer(day.format(ctx.now)))));
  return blocks;
}
