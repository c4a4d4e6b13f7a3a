// What the strategy reports: the health check of a plan and the plan as a document, in the reader's language.
import type { DbOrTx } from '../db/connect.ts';
import { getOrg } from '../team/orgs.ts';
import type { Locale } from '../team/schema.ts';
import { planBlocks } from './export/blocks.ts';
import { renderMarkdown } from './export/markdown.ts';
import { assess } from './health/assess.ts';
import { type HealthReport, healthReport } from './health/report.ts';
import { liveSnapshot } from './health/snapshot.ts';
import { getPlanDocument } from './service.ts';

export async function planHealth(
  db: DbOrTx,
  orgId: string,
  planId: string,
  locale?: Locale,
): Promise<HealthReport> {
  const doc = await getPlanDocument(db, orgId, planId);
  const lang = locale ?? (await getOrg(db, orgId)).defaultLocale;
  const now = new Date();
  const snapshot = await liveSnapshot(db, orgId, doc, now);
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
  const report = healthReport(assess(await liveSnapshot(db, orgId, doc, now)), lang, doc.plan, now);
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
