// grp_sub_funds through the webhook: entries of a source, an amount said back in baht and an optional
// date, saved as each is added, with the running total; removing one; bad input; a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allText, clock, expectNoLineProblems, fake, quickReplyLabels, texts, type TestBot } from '../support/harness';
import { FUNDS_SAY } from '../../src/flows/groups/funds';
import { dataOf, HUB_SAYS, leaderWithDraft, openSection, reopenOnly, sectionsBot } from './sections-helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await sectionsBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

describe('funds', () => {
  it('adds entries with amounts said back, a running total, removes one, and goes back to the hub', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    expect(texts(await openSection(person, 'funds', caseId))).toEqual([FUNDS_SAY.intro]);
    await person.tap(FUNDS_SAY.add);
    expect(quickReplyLabels(person.lastMessages())).toContain('ค่าสมัครสมาชิก');
    expect(texts(await person.tap('ค่าสมัครสมาชิก'))).toEqual([FUNDS_SAY.amount('ค่าสมัครสมาชิก')]);
    expect(texts(await person.say('๑,๕๐๐ บาท'))[0]).toContain('1,500 บาท');
    let reply = await person.say('1 พ.ย. 2569');
    expect(allText(reply)).toContain('บันทึกแล้วค่ะ ✅ ค่าสมัครสมาชิก 1,500 บาท');
    expect((await dataOf(t, caseId)).funds).toEqual({ entries: [{ source: 'ค่าสมัครสมาชิก', amountSatang: 150_000, date: '2026-11-01' }] });

    await person.tap(FUNDS_SAY.add);
    await person.tap(FUNDS_SAY.other);
    await person.say('ขายขนม');
    await person.say('250.50');
    reply = await person.tap('ข้าม');
    expect(allText(reply)).toContain('รวมเงินทุนตอนนี้ 1,750.50 บาท');
    expect((await dataOf(t, caseId)).funds!.entries[1]).toEqual({ source: 'ขายขนม', amountSatang: 25_050 });

    await person.tap(FUNDS_SAY.remove);
    reply = await person.say('1');
    expect(allText(reply)).toContain('ลบรายการ "ค่าสมัครสมาชิก 1,500 บาท (1 พ.ย. 2569)" แล้วค่ะ');
    expect(allText(reply)).toContain('รวม 250.50 บาท');
    reply = await person.tap(FUNDS_SAY.done);
    expect(allText(reply)).toContain('บันทึกเงินทุน 1 รายการ รวม 250.50 บาท');
    expect(allText(reply)).toContain(HUB_SAYS);
    expect((await dataOf(t, caseId)).funds!.entries).toEqual([{ source: 'ขายขนม', amountSatang: 25_050 }]);
  });

  it('refuses letters, three decimals, a negative amount and a sticker, keeping the question; removing the last entry empties the section', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'funds', caseId);
    await person.tap(FUNDS_SAY.add);
    await person.tap('เงินบริจาค');
    expect(texts(await person.say('หนึ่งพันบาท'))).toEqual([expect.stringContaining('ขอจำนวนเงินเป็นตัวเลข'), FUNDS_SAY.amount('เงินบริจาค')]);
    expect(texts(await person.say('12.345'))[0]).toContain('สตางค์ใส่ได้ไม่เกิน 2 หลัก');
    expect(texts(await person.say('-500'))[0]).toContain('ติดลบไม่ได้');
    expect(texts(await person.sticker())).toEqual([expect.stringContaining('ขอบคุณค่ะ'), FUNDS_SAY.amount('เงินบริจาค')]);
    await person.say('500');
    expect(texts(await person.say('1 ธ.ค. 2570'))[0]).toContain('ยังมาไม่ถึง');
    expect(texts(await person.say('ต.ค. 2569'))[0]).toContain('ให้ครบ');
    await person.pickDate('2026-11-20');
    expect((await dataOf(t, caseId)).funds!.entries).toEqual([{ source: 'เงินบริจาค', amountSatang: 50_000, date: '2026-11-20' }]);
    await person.tap(FUNDS_SAY.remove);
    await person.say('5');
    expect(texts(person.lastMessages())[0]).toBe(FUNDS_SAY.badRemove);
    await person.say('1');
    expect((await dataOf(t, caseId)).funds).toBeUndefined();
  });

  it('keeps the conversation across a restart mid-entry', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await openSection(person, 'funds', caseId);
    await person.tap(FUNDS_SAY.add);
    await person.tap('เงินออม (สัจจะ)');
    t = await t.restart();
    (person as { t: TestBot }).t = t;
    await person.say('3000');
    await person.tap('ข้าม');
    expect((await dataOf(t, caseId)).funds!.entries).toEqual([{ source: 'เงินออม (สัจจะ)', amountSatang: 300_000 }]);
  });

  it('refuses the section when staff reopened only another one', async () => {
    const { person, caseId } = await leaderWithDraft(t);
    await reopenOnly(t, person, caseId, ['bank']);
    const reply = await openSection(person, 'funds', caseId);
    expect(texts(reply)[0]).toContain('แก้ไขไม่ได้');
    expect(quickReplyLabels(reply)).toContain('กลับหน้ารวมข้อมูล');
  });
});
