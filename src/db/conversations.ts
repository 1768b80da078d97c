// Loading and saving the one conversation row each user has.
import { eq } from 'drizzle-orm';
import type { Tx } from './client';
import { conversations } from './schema';
import type { Answers } from '../flows/types';

export interface ConversationState {
  flowId: string | null;
  flowVersion: number | null;
  stepId: string | null;
  answers: Answers;
  history: string[];
  attempts: number;
  revision: number;
  resumePending: boolean;
  expiresAt: number | null;
}

export const IDLE_STATE: ConversationState = {
  flowId: null,
  flowVersion: null,
  stepId: null,
  answers: {},
  history: [],
  attempts: 0,
  revision: 0,
  resumePending: false,
  expiresAt: null,
};

export function loadConversation(tx: Tx, userId: string): ConversationState {
  const row = tx.select().from(conversations).where(eq(conversations.userId, userId)).get();
  if (!row) return { ...IDLE_STATE, answers: {}, history: [] };
  return {
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    stepId: row.stepId,
    answers: parseJson<Answers>(row.answers, {}),
    history: parseJson<string[]>(row.history, []),
    attempts: row.attempts,
    revision: row.revision,
    resumePending: row.resumePending,
    expiresAt: row.expiresAt,
  };
}

export function saveConversation(tx: Tx, userId: string, state: ConversationState, now: number): void {
  const values = {
    flowId: state.flowId,
    flowVersion: state.flowVersion,
    stepId: state.stepId,
    answers: JSON.stringify(state.answers),
    history: JSON.stringify(state.history),
    attempts: state.attempts,
    revision: state.revision,
    resumePending: state.resumePending,
    expiresAt: state.expiresAt,
    updatedAt: now,
  };
  tx.insert(conversations).values({ userId, ...values }).onConflictDoUpdate({ target: conversations.userId, set: values }).run();
}

function parseJson<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** Let go of whatever conversation the user is in (keeping the revision moving, so old buttons stay stale). */
export function resetConversation(tx: Tx, userId: string, now: number): void {
  const current = loadConversation(tx, userId);
  saveConversation(tx, userId, { ...IDLE_STATE, answers: {}, history: [], revision: current.revision + 1 }, now);
}
