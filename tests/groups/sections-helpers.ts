// Shared set-up for the section conversation tests (committee, rules, funds, bank, minutes): a test
// bot (with a stand-in hub while the real grp_sub is not on this branch), a leader with a draft group
// case, the way to open a section, and reads of what the case holds.
import { randomBytes, randomUUID } from 'node:crypto';
import { createDraft, transition } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import { addStaff } from '../../src/db/staff';
import type { GroupData } from '../../src/groups/data';
import type { GroupSection } from '../../src/groups/sections';
import { groupDataOf } from '../../src/groups/store';
import { GROUP_ENTRIES, GROUP_FLOWS } from '../../src/flows/groups/ids';
import { prepareBackoffMs } from '../../src/handlers/dispatcher';
import { postback } from '../../src/flows/postback';
import { defaultFlows } from '../../src/flows/registry';
import type { Flow } from '../../src/flows/types';
import { postbackAction, quickItem, text } from '../../src/line/messages';
import { clock, createTestBot, fake, Person, type TestBot, type TestBotOptions } from '../support/harness';
import { sampleMembers, sampleProfile } from './fixtures';

export const OFFICE = 'default';
/** What the hub's card says (its alt text), once a section has gone back to it. */
export const HUB_SAYS = 'ข้อมูลกลุ่ม: ';

/** Stands in for the hub (another helper's work) when it is not registered: says it was reached. */
const stubHub: Flow = {
  id: GROUP_FLOWS.hub,
  version: 1,
  title: 'ส่งข้อมูลกลุ่ม',
  steps: {},
  start: (_ctx, params) => ({ refuse: [text(`${HUB_SAYS} ${params.c ?? ''}`, [quickItem(postbackAction('เมนู', postback.command('menu')))])] }),
};

export function sectionsBot(options: TestBotOptions = {}): Promise<TestBot> {
  const hasHub = defaultFlows.some((f) => f.id === GROUP_FLOWS.hub);
  return createTestBot({ ...options, deps: hasHub ? options.deps : { flows: [...defaultFlows, stubHub], ...options.deps } });
}

export async function leaderWithDraft(t: TestBot, data: GroupData = { consent: { at: clock.now().getTime() }, profile: sampleProfile(), members: sampleMembers(12) }): Promise<{ person: Person; caseId: number }> {
  const person = new Person(t);
  const c = await t.db.transaction((tx) => createDraft(tx, OFFICE, 'group', person.userId, clock.now(), data));
  return { person, caseId: c.id };
}

export function openSection(person: Person, section: GroupSection, caseId: number) {
  return person.postback(postback.go(GROUP_ENTRIES.section(section), { c: String(caseId) }));
}

export async function dataOf(t: TestBot, caseId: number): Promise<GroupData> {
  return groupDataOf((await findCase(t.db, OFFICE, caseId))!);
}

/** Submit the draft, and as an officer accept it and ask for more in `sections`. */
export async function reopenOnly(t: TestBot, person: Person, caseId: number, sections: GroupSection[]): Promise<void> {
  const officer = 'U' + randomUUID().replace(/-/g, '');
  await addStaff(t.db, OFFICE, officer, "cli", clock.now().getTime());
  await t.db.transaction(async (tx) => {
    let c = (await findCase(tx, OFFICE, caseId))!;
    const steps = [
      { to: 'submitted', actor: { role: 'applicant' as const, id: person.userId } },
      { to: 'in_review', actor: { role: 'officer' as const, id: officer } },
      { to: 'needs_info', actor: { role: 'officer' as const, id: officer }, note: 'ขอแก้ไขค่ะ', sections },
    ];
    for (const step of steps) {
      const r = await transition(tx, OFFICE, caseId, { ...step, expectedVersion: c.version }, clock.now());
      if (!r.ok) throw new Error(`transition to ${step.to}: ${r.reason}`);
      c = r.case;
    }
  });
}

export const jpeg = (size = 600) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]);
export const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(800)]);

/** Put a photo or file on the fake LINE and return its message id. */
export function upload(content: Buffer, contentType = 'image/jpeg'): string {
  const id = String(100000 + Math.floor(Math.random() * 1e9));
  fake.setContent(id, content, contentType);
  return id;
}

/** A download that failed: let the backoff pass on the clock and wake the user's queue, as the dispatcher's timer would. */
export async function retry(t: TestBot, person: Person, attempt: number): Promise<void> {
  clock.advance(prepareBackoffMs(attempt));
  t.bot.dispatcher.kick([{ officeId: OFFICE, chatKey: person.userId }]);
  await t.bot.idle();
}
