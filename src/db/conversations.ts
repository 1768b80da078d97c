// Loading and saving the one conversation row each user has.
import { q, type Sql } from './sql';
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

interface ConversationRow {
  flowId: string | null;
  flowVersion: number | null;
  stepId: string | null;
  answers: string;
  history: string;
  attempts: number;
  revision: number;
  resumePending: boolean | number;
  expiresAt: number | null;
}

export async function loadConversation(tx: Sql, office: string, userId: string): Promise<ConversationState> {
  const row = await tx.get<ConversationRow>(q`
    SELECT flow_id, flow_version, step_id, answers, history, attempts, revision, resume_pending, expires_at
    FROM conversations WHERE office_id = ${office} AND user_id = ${userId}`);
  if (!row) return { ...IDLE_STATE, answers: {}, history: [] };
  return {
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    stepId: row.stepId,
    answers: parseJson<Answers>(row.answers, {}),
    history: parseJson<string[]>(row.history, []),
    attempts: row.attempts,
    revision: row.revision,
    resumePending: Boolean(row.resumePending),
    expiresAt: row.expiresAt,
  };
}

export async function saveConversation(tx: Sql, office: string, userId: string, state: ConversationState, now: number): Promise<void> {
  const answers = JSON.stringify(state.answers);
  const history = JSON.stringify(state.history);
  await tx.run(q`
    INSERT INTO conversations (office_id, user_id, flow_id, flow_version, step_id, answers, history, attempts, revision, resume_pending, expires_at, updated_at)
    VALUES (${office}, ${userId}, ${state.flowId}, ${state.flowVersion}, ${state.stepId}, ${answers}, ${history}, ${state.attempts}, ${state.revision},
            ${state.resumePending}, ${state.expiresAt}, ${now})
    ON CONFLICT (office_id, user_id) DO UPDATE SET flow_id = excluded.flow_id, flow_version = excluded.flow_version, step_id = excluded.step_id,
      answers = excluded.answers, history = excluded.history, attempts = excluded.attempts, revision = excluded.revision,
      resume_pending = excluded.resume_pending, expires_at = excluded.expires_at, updated_at = excluded.updated_at`);
}

function parseJson<T>(raw: string, fallback: T): T {
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** Let go of whatever conversation the user is in (keeping the revision moving, so old buttons stay stale). */
export async function resetConversation(tx: Sql, office: string, userId: string, now: number): Promise<void> {
  const current = await loadConversation(tx, office, userId);
  await saveConversation(tx, office, userId, { ...IDLE_STATE, answers: {}, history: [], revision: current.revision + 1 }, now);
}
