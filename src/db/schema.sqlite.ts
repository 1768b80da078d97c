// The schema for SQLite (drizzle-kit reads this file: drizzle.config.ts).
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { defineSchema } from './schema';

export const { users, inbox, conversations, outbox, staff, bookings, eligibilityChecks, instances, cases, caseHistory, caseCounters, attachments, mchchSubscriptions, staffInvitations, throttles, staffSignInLinks, staffSessions, auditLog, handoffs, handoffMessages, richMenuLinks } = defineSchema({
  table: sqliteTable,
  text: (name, options) => text(name, options),
  integer: (name) => integer(name),
  time: (name) => integer(name),
  boolean: (name) => integer(name, { mode: 'boolean' }),
  serial: (name) => integer(name).primaryKey({ autoIncrement: true }),
  serialKey: () => [],
  index,
  uniqueIndex,
  primaryKey,
});
