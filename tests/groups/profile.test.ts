import { afterEach, beforeEach, expect, it } from 'vitest';
import { groupCasesOf, groupDataOf } from '../../src/groups/store';
import { allText, clock, createTestBot, expectNoLineProblems, fake, Person, type TestBot } from '../support/harness';
import { flexButtons } from '../booking/helpers';

let t: TestBot;
beforeEach(async () => {
  fake.reset();
  clock.set('2026-11-23T03:00:00Z');
  t = await createTestBot();
});
afterEach(async () => {
  await t.close();
  expectNoLineProblems();
});

it('fills the profile with bad answers refused, survives a restart, and the hub shows ✓', async () => {
  let p = new Person(t);
  await p.say('ข้อมูลกลุ่ม');
  await p.tap('ยินยอม');
  await p.postback(flexButtons(p.lastMessages()).find((b) => b.action.label === '✗ ข้อมูลกลุ่ม')!.action.data!);
  expect(allText(await p.say('   '))).toContain('ขอชื่อกลุ่ม');
  expect(allText(await p.say('กลุ่มแม่บ้านบ้านโนนสูง'))).toContain('ชื่อกลุ่ม: กลุ่มแม่บ้านบ้านโนนสูง');
  await p.tap('กลุ่มแม่บ้าน');
  await p.say('ทำขนม\nออมเงิน');
  await p.say('๕');
  t = await t.restart();
  p = new Person(t, p.userId);
  await p.tap('ข้าม');
  await p.say('ต.บ้านหนองบัว');
  expect(allText(await p.say('1 ม.ค. 2570'))).toContain('ยังมาไม่ถึง');
  expect(allText(await p.say('15 มี.ค. 2560'))).toContain('15 มี.ค. 2560');
  await p.tap('ข้าม');
  await p.say('สมศรี ใจดี');
  expect(allText(await p.say('081-234-567'))).not.toContain('เบอร์ติดต่อ:');
  expect(allText(await p.say('081-234-5678'))).toContain('081-234-5678');
  const hub = await p.tap('ประธาน');
  expect(flexButtons(hub).map((b) => b.action.label)).toContain('✓ ข้อมูลกลุ่ม');
  const [c] = await groupCasesOf(t.db, 'default', p.userId);
  expect(groupDataOf(c!).profile).toMatchObject({ name: 'กลุ่มแม่บ้านบ้านโนนสูง', moo: 5, objectives: ['ทำขนม', 'ออมเงิน'], established: '2017-03-15' });
});
