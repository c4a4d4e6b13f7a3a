// Puts the demo plan into a real organisation from the command line, acting as its first admin.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { memberships, orgs } from '../team/schema.ts';
import { seedDemoStrategy } from './demo.ts';
import { planHealth } from './reports.ts';
import { ensureOrgPlan, getPlanDocument } from './service.ts';

export async function seedDemoIntoOrg(db: Db, orgId?: string) {
  const all = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).orderBy(asc(orgs.createdAt));
  const org = orgId ? all.find((o) => o.id === orgId) : all.length === 1 ? all[0] : undefined;
  if (!org) {
    throw new DomainError(
      'invalid',
      'validation',
      all.length === 0
        ? 'no organisation exists yet: open Stemme in a browser to set it up'
        : orgId
          ? `no organisation with id ${orgId}`
          : '--org is required when there are several organisations',
    );
  }
  const plan = await ensureOrgPlan(db, org.id);
  const doc = await getPlanDocument(db, org.id, plan.id);
  if (doc.plan.purpose || doc.goals.length || doc.channels.length || doc.audiences.length) {
    throw new DomainError(
      'conflict',
      'plan_started',
      `the plan of ${org.name} is already started: the demo only fills an empty one`,
    );
  }
  const [admin] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, org.id), eq(memberships.role, 'admin')))
    .orderBy(asc(memberships.createdAt));
  if (!admin) throw new DomainError('invalid', 'validation', `${org.name} has no admin`);
  const planId = await seedDemoStrategy(db, { userId: admin.userId, orgId: org.id, role: 'admin' });
  const report = await planHealth(db, org.id, planId, 'en');
  return { orgName: org.name, planId, score: report.score, findings: report.findings.length };
}
