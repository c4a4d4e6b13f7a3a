// The one schema: every capability's tables, gathered for Drizzle and drizzle-kit.
export * from '../guidelines/schema.ts';
export * from '../jobs/schema.ts';
export * from '../listening/schema.ts';
export * from '../listening/sources/bluesky/schema.ts';
export * from '../listening/stories/schema.ts';
export * from '../listening/storms/schema.ts';
export * from '../networks/sandbox/schema.ts';
export * from '../notifications/schema.ts';
export * from '../publishing/edit-schema.ts';
export * from '../publishing/schema.ts';
export * from '../strategy/schema.ts';
export * from '../team/schema.ts';
export * from '../training/schema.ts';
