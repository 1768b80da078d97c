// แจ้งเตือนรอบหน้า through the webhook: the answer names the next round and its opening day (or says
// none is announced yet), asking twice keeps one row, the round open or closed when asked is recorded
// as not "the next", ยกเลิกการแจ้งเตือน removes the row (tapped or typed), and ลบข้อมูลของฉัน erases the
// subscription and the person's never-sent มชช. draft while a sent application keeps only its data.
import { MCHCH_ERASURE } from '../../src/flows/privacy';
import { afterEach, describe, expect, it } from 'vitest';
import { ERASED_APPLICANT } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import { q } from '../../src/db/sql';
import { MCHCH_ENTRIES } from '../../src/flows/mchch/ids';
import { postback } from '../../src/flows/postback';
import { subscriptionOf } from '../../src/mchch/subscriptions';
import type { MchchRound } from '../../src/office/mchch-settings';
import { allText, expectNoLineProblems, Person, quickReplyLabels, type TestBot } from '../support/harness';
import { ROUND_2562 } from './fixtures';
import { applicantWithDraft, completeData, mchchBot, moveCase, OFFICE } from './helpers';

/** The following year's round (test data, as an office would write it). */
const ROUND_2563: MchchRound = {
  ...ROUND_2562,
  id: '2563-chachoengsao',
  label: 'มชช. ประจำปี 2563 (จังหวัดฉะเชิงเทรา)',
  opens: '2020-01-10',
  localCutoff: '2020-02-03',
  districtDeadline: '2020-02-10',
};
/** After ROUND_2562's district deadline, before ROUND_2563 opens: 10:00 Bangkok. */
const BETWEEN = '2019-03-01T03:00:00Z';

let t: TestBot;
afterEach(async () => {
  expectNoLineProblems();
  await t.close();
});

async function rows(): Promise<unknown[]> {
  return t.db.all(q`SELECT user_id FROM mchch_subscriptions WHERE office_id = ${OFFICE}`);
}

describe('แจ้งเตือนรอบหน้า', () => {
  it('says back the next round and its opening day; asking twice is one row', async () => {
    t = await mchchBot({ rounds: [ROUND_2562, ROUND_2563], at: BETWEEN });
    const p = new Person(t);
    const reply = await p.postback(postback.go(MCHCH_ENTRIES.subscribe));
    const said = allText(reply);
    expect(said).toContain('จะแจ้งทาง LINE นี้เมื่อเปิดรับสมัครรอบถัดไปค่ะ');
    expect(said).toContain('รอบถัดไป: มชช. ประจำปี 2563 (จังหวัดฉะเชิงเทรา) รับสมัคร');
    expect(said).toContain('เปิดรับสมัครวันที่ 10 ม.ค. 2563');
    expect(quickReplyLabels(reply)).toEqual(['ยกเลิกการแจ้งเตือน', 'เมนู']);
    const first = (await subscriptionOf(t.db, OFFICE, p.userId))!;
    expect(first.afterRound).toBe(ROUND_2562.id); // the closed round is not "the next"
    expect(first.notifiedRound).toBeNull();

    expect(allText(await p.say('แจ้งเตือนรอบหน้า'))).toContain('รอบถัดไป: มชช. ประจำปี 2563');
    expect(await rows()).toHaveLength(1);
  });

  it('with no later round configured says none is announced yet, and records the open round as already open', async () => {
    t = await mchchBot(); // inside ROUND_2562, no later round
    const p = new Person(t);
    const reply = await p.postback(postback.go(MCHCH_ENTRIES.subscribe));
    const said = allText(reply);
    expect(said).toContain('ยังไม่ได้ประกาศวันเปิดรับรอบถัดไป');
    expect(said).not.toContain('รอบถัดไป:');
    // The round open now is offered at once, and named.
    expect(said).toContain('รอบที่เปิดอยู่ตอนนี้ มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)');
    expect(quickReplyLabels(reply)).toEqual(['สมัคร มชช.', 'ยกเลิกการแจ้งเตือน', 'เมนู']);
    expect((await subscriptionOf(t.db, OFFICE, p.userId))!.afterRound).toBe(ROUND_2562.id);
  });

  it('ยกเลิกการแจ้งเตือน removes the row, tapped or typed', async () => {
    t = await mchchBot({ rounds: [ROUND_2562, ROUND_2563], at: BETWEEN });
    const p = new Person(t);
    await p.postback(postback.go(MCHCH_ENTRIES.subscribe));
    const cancelled = await p.tap('ยกเลิกการแจ้งเตือน');
    expect(allText(cancelled)).toContain('ยกเลิกการแจ้งเตือนรอบหน้าของ มชช. แล้วค่ะ');
    expect(quickReplyLabels(cancelled)).toEqual(['แจ้งเตือนรอบหน้า', 'เมนู']);
    expect(await rows()).toEqual([]);
    expect(allText(await p.say('ยกเลิกการแจ้งเตือน'))).toContain('ไม่มีการแจ้งเตือนรอบหน้าของ มชช. ที่ตั้งไว้ค่ะ');
    // And back again from the button.
    await p.tap('แจ้งเตือนรอบหน้า');
    expect(await rows()).toHaveLength(1);
  });
});

describe('ลบข้อมูลของฉัน and มชช.', () => {
  it('erases the subscription and the never-sent draft; a sent application keeps its data without the LINE link', async () => {
    t = await mchchBot({ mode: 'relay' });
    const { person, caseId: draftId } = await applicantWithDraft(t, completeData('group'));
    const { caseId: sentId } = await applicantWithDraft(t, completeData('leader', [1], 'relay'), person);
    await moveCase(t, sentId, [{ to: 'submitted', actor: { role: 'applicant', id: person.userId } }]);
    await person.postback(postback.go(MCHCH_ENTRIES.subscribe));
    expect(await rows()).toHaveLength(1);

    // Before confirming, the person learns what happens to an application already sent.
    expect(allText(await person.say('ลบข้อมูลของฉัน'))).toContain(MCHCH_ERASURE);
    expect(allText(await person.tap('ยืนยัน ลบข้อมูล'))).toContain('ลบข้อมูลของคุณเรียบร้อยแล้วค่ะ');

    expect(await rows()).toEqual([]);
    expect(await findCase(t.db, OFFICE, draftId)).toBeUndefined();
    const sent = (await findCase(t.db, OFFICE, sentId))!;
    expect(sent.applicantUserId).toBe(ERASED_APPLICANT);
    expect(sent.status).toBe('submitted');
  });
});
