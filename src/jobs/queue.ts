// The job queue's public face: define jobs, enqueue them (inside the caller's transaction), run workers, repair.
// It lives in the same database as the data; PostgreSQL's FOR UPDATE SKIP LOCKED shares work between processes.
export { getJob, type JobScope, type JobSummary, jobCounts, listJobs, retryJob } from './admin.ts';
export {
  defineJob,
  exponentialBackoff,
  type JobContext,
  type JobDefinition,
  type JobLogger,
  PermanentJobError,
} from './definition.ts';
export { type EnqueueItem, type EnqueueOptions, enqueue, enqueueMany, JOBS_CHANNEL } from './enqueue.ts';
export { JOB_STATES, type JobState } from './schema.ts';
export { pruneJobsJob, systemJobs, vacuumJob } from './system.ts';
export { Worker, type WorkerOptions } from './worker.ts';
