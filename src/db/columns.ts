// Columns every capability's tables share: the owning organisation (deleted with it) and the timestamps.
import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../team/schema.ts';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** The tenant key: every row belongs to one organisation and goes when it goes. */
export const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' });
