// Shared set-up for the มชช. tests: a bot whose office has an open round (relay or prepare_only),
// an applicant with a draft of each type (complete or not), staff, and the way to press a button by
// its label. The clock is set inside the round by `mchchBot`.
import { randomUUID } from 'node:crypto';
import { createDraft, transition, type TransitionRequest } from '../../src/cases/actions';
import { findCase, historyOf } from '../../src/cases/store';
import { addStaff } from '../../src/db/staff';
import type { MchchData, MchchType } from '../../src/mchch/data';
import { mchchDataOf } from '../../src/mchch/store';
import type { MchchMode, MchchRound } from '../../src/office/mchch-settings';
import { MCHCH_FLOWS } from '../../src/flows/mchch/ids';
import { defaultEntries, defaultFlows } from '../../src/flows/registry';
import { flexButtons, flexLabels } from '../booking/helpers';
import { clock, createTestBot, Person, quickReplyLabels, type Message, type TestBot, type TestBotOptions } from '../support/harness';
import { ROUND_2562 } from './fixtures';
import { standInHub } from '../cases/helpers';

export const OFFICE = 'default';
/** A day inside ROUND_2562's window (opens 2019-01-11, cut-off 2019-02-04, district 2019-02-11), 10:00 Bangkok. */
export const IN_ROUND = '2019-01-21T03:00:00Z';

export interface MchchBotOptions extends TestBotOptions {
  mode?: MchchMode;
  /** The office's rounds; ROUND_2562 (with `mode`) by default. */
  rounds?: MchchRound[];
  /** Other มชช. settings (form fields, Q14, Q18 …), merged over the defaults. */
  settings?: Record<string, unknown>;
  /** Where the clock is set; IN_ROUND by default. */
  at?: string;
}

/** A bot whose office takes มชช. applications (ROUND_2562 by default), with the clock inside the round. */
export async function mchchBot(options: MchchBotOptions = {}): Promise<TestBot> {
  clock.set(options.at ?? IN_ROUND);
  const rounds = options.rounds ?? [{ ...ROUND_2562, mode: options.mode ?? 'prepare_only' }];
  const base = options.profile ?? ((p) => p);
  return createTestBot({
    ...options,
    profile: (p) => {
      const changed = base(p);
      return { ...changed, mchch: { ...changed.mchch, ...options.settings, rounds } } as typeof changed;
    },
  });
}

/** The round as a case's data holds it (the snapshot made with the draft). */
export function roundSnapshot(round: MchchRound = ROUND_2562, mode: MchchMode = round.mode): NonNullable<MchchData['round']> {
  return { id: round.id, label: round.label, mode, localCutoff: round.localCutoff, districtDeadline: round.districtDeadline, district: round.district };
}

/** Everything a type's application needs (documents as the given attachment ids), as a draft would hold it when complete. */
export function completeData(type: MchchType, pages: number[] = [1], mode: MchchMode = 'prepare_only'): MchchData {
  const doc = { pages, none: false };
  const common: MchchData = {
    round: roundSnapshot(ROUND_2562, mode),
    type,
    consent: { at: clock.now().getTime() },
    applicant: { name: 'สมศรี ใจดี', phone: '0812345678', role: type === 'leader' ? undefined : 'ประธาน' },
    applicationForm: doc,
  };
  switch (type) {
    case 'leader':
      return {
        ...common,
        eligibility: { residentSince: '2010-05-01', activities: [{ text: 'ประธานกองทุนหมู่บ้าน', year: 2017 }], position: { formal: true, title: 'ผู้ใหญ่บ้าน' }, asOf: '2019-01-21' },
        photo: doc,
        houseRegistration: doc,
        idCard: doc,
        advisers: { entries: [], none: true },
      };
    case 'group':
      return {
        ...common,
        eligibility: { name: 'กลุ่มทอผ้าบ้านหนองบัว', resolution: { held: true, date: '2019-01-15', meeting: 'ประชุมสมาชิก' }, asOf: '2019-01-21' },
        resolutionMinutes: doc,
        team: { entries: [{ name: 'สมชาย ใจกล้า', role: 'การตลาด' }] },
        advisers: { entries: [{ name: 'ครูสมใจ รักเรียน', inside: true }], none: false },
      };
    case 'network':
      return {
        ...common,
        eligibility: { name: 'เครือข่ายกลุ่มอาชีพตำบลบางพระ', memberOrgs: ['กลุ่มทอผ้า', 'กลุ่มจักสาน'], resolution: { held: true, date: '2019-01-16', meeting: 'ประชุมเครือข่าย' }, asOf: '2019-01-21' },
        resolutionMinutes: doc,
        team: { entries: [{ name: 'สมปอง ขยันดี' }] },
        advisers: { entries: [], none: true },
      };
    case 'community':
      return {
        ...common,
        eligibility: {
          name: 'ชุมชนบ้านคลองสวน',
          area: { moo: 4, description: 'หมู่ 4 ทิศเหนือจดคลองสวน ทิศใต้จดถนนสาย 314' },
          definiteBoundary: true,
          resolution: { held: true, date: '2019-01-12', meeting: 'ประชาคม' },
          asOf: '2019-01-21',
        },
        resolutionMinutes: doc,
        team: { entries: [{ name: 'สมหมาย มั่นคง', role: 'ประธานชุมชน' }] },
        advisers: { entries: [], none: true },
      };
  }
}

/** An applicant (a new LINE user) with a draft holding `data` (a complete leader's by default). */
export async function applicantWithDraft(t: TestBot, data: MchchData = completeData('leader'), person = new Person(t)): Promise<{ person: Person; caseId: number }> {
  const c = await t.db.transaction((tx) => createDraft(tx, OFFICE, 'mchch', person.userId, clock.now(), data));
  return { person, caseId: c.id };
}

/** A new staff member of the office: their Person (to read their pushes and press their buttons). */
export async function newStaff(t: TestBot): Promise<Person> {
  const person = new Person(t, 'U' + randomUUID().replace(/-/g, ''));
  await addStaff(t.db, OFFICE, person.userId, 'cli', clock.now().getTime());
  return person;
}

/** Make transitions directly (set-up for later stages), each from the version the previous left. */
export async function moveCase(t: TestBot, caseId: number, steps: Omit<TransitionRequest, 'expectedVersion'>[]): Promise<void> {
  await t.db.transaction(async (tx) => {
    let c = (await findCase(tx, OFFICE, caseId))!;
    for (const step of steps) {
      const r = await transition(tx, OFFICE, caseId, { ...step, expectedVersion: c.version }, clock.now());
      if (!r.ok) throw new Error(`transition to ${step.to}: ${r.reason}`);
      c = r.case;
    }
  });
}

export async function caseOf(t: TestBot, caseId: number) {
  const c = (await findCase(t.db, OFFICE, caseId))!;
  return { c, data: mchchDataOf(c), history: await historyOf(t.db, OFFICE, caseId) };
}

/** Tap a button by label on the person's last reply: a quick reply or a button in a card. */
export async function press(p: Person, label: string): Promise<Message[]> {
  const last = p.lastMessages();
  if (quickReplyLabels(last).includes(label)) return p.tap(label);
  const button = flexButtons(last).find((b) => b.action.label === label);
  if (!button) throw new Error(`no "${label}": ${quickReplyLabels(last).join(' | ')} / ${flexLabels(last).join(' | ')}`);
  return p.postback((button.action as { data: string }).data);
}

const hubStandIn = standInHub(MCHCH_FLOWS.hub, 'ใบสมัคร มชช.');

/** The bot's flows with the stand-in hub: for tests that check where a status push's button leads. */
export const hubStandInDeps = { flows: [...defaultFlows.filter((f) => f.id !== MCHCH_FLOWS.hub), hubStandIn], entries: defaultEntries };
