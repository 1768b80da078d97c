// The schema for PostgreSQL (drizzle-kit reads this file: drizzle.pg.config.ts).
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { defineSchema } from './schema';

export const { users, inbox, conversations, outbox, staff, bookings, eligibilityChecks, instances, cases, caseHistory, caseCounters, attachments, mchchSubscriptions, staffInvitations, throttles, staffSignInLinks, staffSessions, auditLog, handoffs, handoffMessages, richMenuLinks } = defineSchema({
  table: pgTable,
  text: (name, options) => text(name, options),
  integer: (name) => integer(name),
  time: (name) => bigint(name, { mode: 'number' }),
  boolean: (name) => boolean(name),
  serial: (name) => bigint(name, { mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
  serialKey: (t) => [primaryKey({ columns: [t.officeId, t.id] })],
  index,
  uniqueIndex,
  primaryKey,
});
