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
/**
 * The tenant key of a row that hangs off a mention (its matches, story membership, references): deleting the
 * mention deletes it (a statement trigger, migration 0017), with the mention and with the organisation, so it
 * carries no foreign key of its own. Those rows are written for every stored post, and each foreign key is a
 * look-up per row.
 */
export const mentionOrgId = () => uuid('org_id').notNull();
