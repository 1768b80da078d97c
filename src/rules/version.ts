// The version of the allowance rules, stored with every decision so staff can reproduce it later.
// Bump it whenever a parameter value, a date, a clause or a document list changes.

export const RULES_VERSION = '2025-11.2';
