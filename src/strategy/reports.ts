// What the strategy reports: the health check of a plan and the plan as a document, in the reader's language.
import type { DbOrTx } from '../db/connect.ts';
import { defaultNetworks } from '../networks/registry.ts';
import { listChannels } from '../publishing/channels.ts';
import { getOrg } from '../team/orgs.ts';
import type { Locale } from '../team/schema.ts';
import { planBlocks } from './export/blocks.ts';
import { renderMarkdown } from './export/markdown.ts';
import { assess } from './health/assess.ts';
import { type HealthReport, healthReport } from './health/report.ts';
import { snapshotOf } from './health/snapshot.ts';
import type { ExternalSignals } from './health/types.ts';
import { getPlanDocument, type PlanDocument } from './service.ts';
import { NETWORKS, type Network } from './vocabulary.ts';

/**
 * What Listening and Publishing know about the plan's reality. Publishing's connected channels are real;
 * monitors (Listening) and the authorship ledger are not built yet, so those stay "unknown" and the checks
 * that need them say so instead of guessing.
 */
export async function externalSignals(
  db: DbOrTx,
  orgId: string,
  _doc: PlanDocument,
): Promise<ExternalSignals> {
  const connected = await listChannels(db, orgId, defaultNetworks);
  const known = new Set<string>(NETWORKS);
  return {
    monitors: null,
    authorship: null,
    connectedChannels: connected
      .filter((c) => known.has(c.network))
      .map((c) => ({ network: c.network as Network, handle: c.handle })),
  };
}

export async function planHealth(
  db: DbOrTx,
  orgId: string,
  planId: string,
  locale?: Locale,
): Promise<HealthReport> {
  const doc = await getPlanDocument(db, orgId, planId);
  const lang = locale ?? (await getOrg(db, orgId)).defaultLocale;
  const now = new Date();
  const snapshot = snapshotOf(doc, { now, signals: await externalSignals(db, orgId, doc) });
  return healthReport(assess(snapshot), lang, doc.plan, now);
}

export interface ExportedPlan {
  filename: string;
  blocks: ReturnType<typeof planBlocks>;
  locale: Locale;
}

export async function exportPlan(
  db: DbOrTx,
  orgId: string,
  planId: string,
  locale?: Locale,
): Promise<ExportedPlan> {
  const org = await getOrg(db, orgId);
  const lang = locale ?? org.defaultLocale;
  const doc = await getPlanDocument(db, orgId, planId);
  const now = new Date();
  const report = healthReport(
    assess(snapshotOf(doc, { now, signals: await externalSignals(db, orgId, doc) })),
    lang,
    doc.plan,
    now,
  );
  const blocks = planBlocks(doc, report, { locale: lang, orgName: org.name, timeZone: org.timeZone, now });
  const who = doc.plan.personName ?? org.name;
  const slug =
    who
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[æÆ]/g, 'ae')
      .replace(/[øØ]/g, 'o')
      .replace(/[åÅ]/g, 'a')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'plan';
  return { filename: `strategy-${slug}-${now.toISOString().slice(0, 10)}`, blocks, locale: lang };
}

export function exportMarkdown(plan: ExportedPlan): string {
  return renderMarkdown(plan.blocks);
}
