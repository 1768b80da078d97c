// A registered group for the tests of what comes after registration: a leader's group case taken
// through submit → รับเรื่อง → รับขึ้นทะเบียน by a staff member, as the real transitions do it.
import { createDraft, transition } from '../../src/cases/actions';
import type { CaseRow } from '../../src/db/schema';
import type { Sql } from '../../src/db/sql';
import { fake, type Message } from '../support/harness';
import { flexButtons, flexLabels } from '../booking/helpers';
import { sampleBank, sampleMembers, sampleProfile } from './fixtures';

export async function registeredGroup(db: Sql, leader: string, staff: string, now: Date, office = 'default'): Promise<CaseRow> {
  const data = {
    profile: sampleProfile(),
    members: sampleMembers(5),
    committee: { entries: [{ position: 'ประธาน', memberId: 1 }, { position: 'เหรัญญิก', memberId: 2 }] },
    rules: { pages: [1], status: 'adopted' as const },
    funds: { entries: [{ source: 'ค่าสมัครสมาชิก', amountSatang: 500_000 }] },
    bank: sampleBank(),
  };
  return db.transaction(async (tx) => {
    let c = await createDraft(tx, office, 'group', leader, now, data);
    for (const [to, actor] of [['submitted', { role: 'applicant', id: leader }], ['in_review', { role: 'officer', id: staff }], ['registered', { role: 'officer', id: staff }]] as const) {
      const result = await transition(tx, office, c.id, { to, actor, expectedVersion: c.version }, now);
      if (!result.ok) throw new Error(`${to} failed: ${result.reason}`);
      c = result.case;
    }
    return c;
  });
}

/** What was pushed to a user, message lists in order. */
export const pushesTo = (userId: string): Message[][] => fake.sent.filter((r) => r.to === userId && r.via === 'push').map((r) => r.messages);

/** The postback data of the Flex button with this label (a staff notice's decision). */
export function buttonData(messages: Message[], label: string): string {
  const button = flexButtons(messages).find((b) => b.label === label);
  if (!button?.action.data) throw new Error(`no button ${label}: ${flexLabels(messages).join(' | ')}`);
  return button.action.data;
}
