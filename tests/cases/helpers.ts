// Shared set-up for the case tests: a case put straight into a status, and reads of what it left.
import { createDraft, transition } from '../../src/cases/actions';
import { findCase, historyOf } from '../../src/cases/store';
import type { CaseRow, OutboxRow } from '../../src/db/schema';
import { q, type Sql } from '../../src/db/sql';
import { updateRow } from '../support/database';
import { sampleProfile } from '../groups/fixtures';
import { flexButtons, flexLabels } from '../booking/helpers';
import { fake, type Message } from '../support/harness';
import { GROUP_FLOWS } from '../../src/flows/groups/ids';
import { defaultEntries, defaultFlows } from '../../src/flows/registry';
import type { Flow } from '../../src/flows/types';
import { text } from '../../src/line/messages';

export const OFFICE = 'default';
export const NOW = new Date('2026-11-23T03:00:00Z'); // Monday 10:00 in Bangkok, 2569 BE

/** A group case of `applicant` in `status` (set directly: the table of transitions is tested on its own). */
export async function caseIn(db: Sql, status: string, applicant = 'Uapplicant', office = OFFICE): Promise<CaseRow> {
  const c = await db.transaction((tx) => createDraft(tx, office, 'group', applicant, NOW, { profile: sampleProfile() }));
  if (status !== 'draft') await updateRow(db, 'cases', { id: c.id }, { status });
  return (await findCase(db, office, c.id))!;
}

/** A draft submitted by its applicant: the reference is issued and staff are told. */
export async function submittedCase(db: Sql, applicant = 'Uapplicant', office = OFFICE, now = NOW): Promise<CaseRow> {
  const draft = await caseIn(db, 'draft', applicant, office);
  const result = await db.transaction((tx) => transition(tx, office, draft.id, { to: 'submitted', actor: { role: 'applicant', id: applicant }, expectedVersion: draft.version }, now));
  if (!result.ok) throw new Error(`submit failed: ${result.reason}`);
  return result.case;
}

export function historyRows(db: Sql, c: Pick<CaseRow, 'id' | 'officeId'>) {
  return historyOf(db, c.officeId, c.id);
}

export async function pushesAbout(db: Sql, c: Pick<CaseRow, 'id' | 'officeId'>, purpose?: string): Promise<OutboxRow[]> {
  const rows = await db.all<OutboxRow>(q`SELECT * FROM outbox WHERE ref = ${`case:${c.officeId}:${c.id}`} ORDER BY id`);
  return purpose ? rows.filter((r) => r.purpose === purpose) : rows;
}

/** A group case of `applicant` named `name`, created at `at` and put straight into `status` (its wait counts from `at`). */
export async function caseAt(db: Sql, status: string, at: Date, applicant = 'Uapplicant', name = 'กลุ่มทดสอบ', office = OFFICE): Promise<CaseRow> {
  const c = await db.transaction((tx) => createDraft(tx, office, 'group', applicant, at, { profile: sampleProfile(name) }));
  if (status !== 'draft') await updateRow(db, 'cases', { id: c.id }, { status });
  return (await findCase(db, office, c.id))!;
}

/** The data of the Flex button labelled `label` in these messages. */
export function buttonData(messages: Message[], label: string): string {
  const button = flexButtons(messages).find((b) => b.label === label);
  if (!button?.action.data) throw new Error(`no button ${label}: ${flexLabels(messages).join(' | ')}`);
  return button.action.data;
}

/** The pushes one LINE user received, each as its messages. */
export const pushesTo = (userId: string) => fake.sent.filter((r) => r.to === userId && r.via === 'push').map((r) => r.messages);

/**
 * A stand-in for a hub flow (`id`): it says which case and section a button opened it with
 * ("hub c=7 s=photo"), for tests that check where a push's button leads.
 */
export function standInHub(id: string, title: string): Flow {
  return {
    id,
    version: 1,
    title,
    start: (_ctx, params) => ({ step: 'hub', answers: { c: params.c ?? '', s: params.s ?? '' } }),
    steps: {
      hub: {
        ask: (ctx) => ({ messages: [text(`hub c=${String(ctx.answers.c)} s=${String(ctx.answers.s)}`)], acceptsText: true }),
        accept: () => ({ ok: true, value: true }),
        next: () => ({ end: [text('ok')] }),
      },
    },
  };
}

/** The groups hub's stand-in. */
export const hubStandIn = standInHub(GROUP_FLOWS.hub, 'ส่งข้อมูลกลุ่ม');
export const withHub = { flows: [...defaultFlows, hubStandIn], entries: defaultEntries };
/** The bot without the groups hub (an office that does not offer it, or a release without it). */
export const withoutHub = { flows: defaultFlows.filter((f) => f.id !== GROUP_FLOWS.hub), entries: defaultEntries.filter((e) => e.flow !== GROUP_FLOWS.hub) };

export function conversationOf(db: Sql, userId: string) {
  return db.get<{ flowId: string | null; stepId: string | null; answers: string }>(q`SELECT flow_id, step_id, answers FROM conversations WHERE user_id = ${userId}`);
}
