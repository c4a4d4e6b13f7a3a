// The publishing capability's background work: one publish job per (post, channel), and a sweep that queues
// again any target whose job died with it, so nothing is silently dropped.
import { z } from 'zod';
import { defineJob, exponentialBackoff, type JobDefinition } from '../jobs/definition.ts';
import { PUBLISH_JOB, type PublishPayload, queueTargets } from './channels.ts';
import { type PublishEngineDeps, publishTarget, strandedTargets } from './publish.ts';

const payloadSchema = z.object({ targetId: z.uuid(), dueAt: z.iso.datetime({ offset: true }).optional() });

export interface PublishingJobOptions {
  /** Tests and benchmarks shorten the waits. */
  backoff?: (attempt: number) => number;
  maxAttempts?: number;
  sweepEveryMs?: number;
}

export function publishingJobs(
  deps: PublishEngineDeps,
  opts: PublishingJobOptions = {},
): JobDefinition<unknown>[] {
  const publish = defineJob<PublishPayload>({
    name: PUBLISH_JOB,
    maxAttempts: opts.maxAttempts ?? 8,
    backoff: opts.backoff ?? exponentialBackoff({ baseMs: 15_000, maxMs: 30 * 60_000 }),
    timeoutMs: 5 * 60_000,
    parse: (raw) => payloadSchema.parse(raw),
    async run({ targetId, dueAt }, ctx) {
      const outcome = await publishTarget(ctx.db, deps, targetId, ctx, dueAt);
      if (outcome.kind === 'published')
        ctx.log.info(
          { targetId, found: outcome.found },
          outcome.found ? 'found already published' : 'published',
        );
      else if (outcome.kind === 'failed')
        ctx.log.warn({ targetId, failure: outcome.failure }, 'publish failed');
      else ctx.log.debug({ targetId, reason: outcome.reason }, 'nothing to publish');
    },
  });

  const sweep = defineJob<Record<string, never>>({
    name: 'publishing.sweep',
    every: opts.sweepEveryMs ?? 60_000,
    maxAttempts: 3,
    async run(_payload, { db, log }) {
      const stranded = await strandedTargets(db);
      if (stranded.length === 0) return;
      // Targets whose job is still queued or running are skipped by the unique key.
      const byOrg = new Map<string, typeof stranded>();
      for (const t of stranded) byOrg.set(t.orgId, [...(byOrg.get(t.orgId) ?? []), t]);
      let queued = 0;
      for (const [orgId, targets] of byOrg) queued += (await queueTargets(db, orgId, targets)).length;
      if (queued > 0) log.warn({ queued }, 'queued stranded publish targets again');
    },
  });
  return [publish as JobDefinition<unknown>, sweep as JobDefinition<unknown>];
}
