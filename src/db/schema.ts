// The one schema: every capability's tables, gathered for Drizzle and drizzle-kit.
export * from '../jobs/schema.ts';
export * from '../team/schema.ts';
