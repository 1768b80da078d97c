// A round's มชช. export (src/mchch/export.ts, npm run export:mchch): one folder per application of
// the round with summary.pdf and the documents as they were sent, index.csv with a BOM, an optional
// zip; only the round's applications in the chosen statuses, never drafts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentPath, sha256Of } from '../../src/attachments/files';
import { exportRound, ExportError } from '../../src/mchch/export';
import { clock, expectNoLineProblems, fake, type TestBot } from '../support/harness';
import { CLI_TIMEOUT_MS, runCli } from '../cli/run';
import { applicantWithDraft, completeData, mchchBot, moveCase, newStaff, OFFICE, roundSnapshot } from './helpers';
import { ROUND_2562 } from './fixtures';
import { applicationWithFiles, packProfile } from './pack-fixtures';

const OTHER_ROUND = { ...ROUND_2562, id: '2563-chachoengsao', label: 'มชช. ประจำปี 2563 (จังหวัดฉะเชิงเทรา)', opens: '2020-01-10', localCutoff: '2020-02-03', districtDeadline: '2020-02-10' };
const outDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mchch-export-')), 'out');

describe('a round\'s export', () => {
  let t: TestBot;
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot();
  });
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  /** A leader prepared (pack_ready), a group staff accepted (in_review), a group only submitted, a draft, and one of another round. */
  async function seedRound() {
    const staff = await newStaff(t);
    const officer = { role: 'officer' as const, id: staff.userId };
    const leader = await applicationWithFiles(t, 'leader');
    await moveCase(t, leader.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: leader.person.userId } }]);
    const group = await applicationWithFiles(t, 'group');
    await moveCase(t, group.caseId, [
      { to: 'submitted', actor: { role: 'applicant', id: group.person.userId } },
      { to: 'in_review', actor: officer },
    ]);
    const waiting = await applicantWithDraft(t, { ...completeData('network', []), resolutionMinutes: { pages: [], none: false } });
    await moveCase(t, waiting.caseId, [{ to: 'submitted', actor: { role: 'applicant', id: waiting.person.userId } }]);
    await applicantWithDraft(t, { ...completeData('community', []), eligibility: { name: 'ชุมชนร่างยังไม่ส่ง' } });
    const other = await applicantWithDraft(t, { ...completeData('leader', []), round: roundSnapshot(OTHER_ROUND), applicant: { name: 'ผู้สมัครรอบอื่น', phone: '0899999999' } });
    await moveCase(t, other.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: other.person.userId } }]);
    return { leader, group };
  }

  it('writes a folder per application with summary.pdf and the documents (their bytes as stored), index.csv with a BOM; the round only, no drafts', async () => {
    const { leader } = await seedRound();
    const out = outDir();
    const profile = packProfile(t, { rounds: [ROUND_2562, OTHER_ROUND] });
    const result = await exportRound(t.db, t.config.attachments.dir, profile, { roundId: ROUND_2562.id, out, now: clock.now() });
    expect(result).toMatchObject({ applications: 2, missingFiles: 0, folder: out });
    expect(result.zip).toBeUndefined();

    expect(fs.readdirSync(out).sort()).toEqual(['MCH-2562-0001', 'MCH-2562-0002', 'index.csv']);
    expect(fs.readdirSync(path.join(out, 'MCH-2562-0001')).sort()).toEqual(
      ['summary.pdf', '๑.๑-ใบสมัคร-1.png', '๑.๒-รูปถ่าย 1 รูป-1.png', '๑.๓-สำเนาทะเบียนบ้าน-1.png', '๑.๓-สำเนาทะเบียนบ้าน-2.png', '๑.๔-สำเนาบัตรประชาชน-1.png'].sort(),
    );
    // The group's minutes: "บันทึกการประชุม/มติ" with the slash made safe for every file system.
    expect(fs.readdirSync(path.join(out, 'MCH-2562-0002')).sort()).toEqual(['summary.pdf', '๒.๑-ใบสมัคร-1.png', '๒.๒-บันทึกการประชุม-มติ-1.png'].sort());
    const stored = (await leader.attachments()).filter((a) => a.row.slot === 'mchch.houseRegistration');
    expect(sha256Of(fs.readFileSync(path.join(out, 'MCH-2562-0001', '๑.๓-สำเนาทะเบียนบ้าน-2.png')))).toBe(stored[1]!.row.sha256);
    expect(fs.readFileSync(path.join(out, 'MCH-2562-0001', 'summary.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    const bytes = fs.readFileSync(path.join(out, 'index.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines).toEqual([
      'เลขที่อ้างอิง,ประเภท,ชื่อ,สถานะ,เอกสารครบ',
      'MCH-2562-0001,ผู้นำชุมชน,สมศรี ใจดี,เอกสารพร้อมยื่นที่อำเภอ,ครบ',
      'MCH-2562-0002,กลุ่ม/องค์กรชุมชน,กลุ่มทอผ้าบ้านหนองบัว,เจ้าหน้าที่รับเรื่องแล้ว,ครบ',
      '',
    ]);
    const all = bytes.toString('utf8');
    expect(all).not.toContain('ชุมชนร่างยังไม่ส่ง');
    expect(all).not.toContain('ผู้สมัครรอบอื่น');
  });

  it('--status picks statuses (a missing document reads ไม่ครบ); a draft cannot be asked for; a used folder is refused; the zip holds it all', async () => {
    await seedRound();
    const profile = packProfile(t, { rounds: [ROUND_2562, OTHER_ROUND] });
    const out = outDir();
    const result = await exportRound(t.db, t.config.attachments.dir, profile, { roundId: ROUND_2562.id, out, statuses: ['submitted'], zip: true, now: clock.now() });
    expect(result.applications).toBe(1);
    const csv = fs.readFileSync(path.join(out, 'index.csv'), 'utf8');
    expect(csv).toContain('MCH-2562-0003,เครือข่ายองค์กรชุมชน,เครือข่ายกลุ่มอาชีพตำบลบางพระ,ส่งแล้ว รอเจ้าหน้าที่ตรวจ,ไม่ครบ');
    expect(csv).not.toContain('MCH-2562-0001');

    expect(result.zip).toBe(`${out}.zip`);
    const entries = unzipSync(fs.readFileSync(result.zip!));
    // The network sent no document yet: its summary only.
    expect(Object.keys(entries).sort()).toEqual(['MCH-2562-0003/summary.pdf', 'index.csv']);
    expect(Buffer.from(entries['index.csv']!).toString('utf8')).toBe(csv);

    await expect(exportRound(t.db, t.config.attachments.dir, profile, { roundId: ROUND_2562.id, out: outDir(), statuses: ['draft'], now: clock.now() })).rejects.toThrow(ExportError);
    await expect(exportRound(t.db, t.config.attachments.dir, profile, { roundId: 'no-such-round', out: outDir(), now: clock.now() })).rejects.toThrow(/ไม่พบรอบ "no-such-round"/);
    await expect(exportRound(t.db, t.config.attachments.dir, profile, { roundId: ROUND_2562.id, out, now: clock.now() })).rejects.toThrow(/มีไฟล์อยู่แล้ว/);
  });

  it('npm run export:mchch writes the export and prints only counts and the path (no names)', async () => {
    await seedRound();
    const out = outDir();
    const run = runCli('export-mchch.ts', ['--round', ROUND_2562.id, '--out', out, '--zip'], t.file, { ATTACHMENTS_DIR: t.config.attachments.dir });
    expect(run.stderr).toContain(`ส่งออกใบสมัคร มชช. 2 รายการ (9 ไฟล์) ลงโฟลเดอร์ ${out} แล้ว`);
    expect(run.stderr).toContain(`${out}.zip`);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/สมศรี|หนองบัว|0812345678/);
    expect(fs.existsSync(path.join(out, 'MCH-2562-0001', 'summary.pdf'))).toBe(true);
    // The zip keeps the Thai file names (UTF-8) and every file of the folders.
    const names = Object.keys(unzipSync(fs.readFileSync(`${out}.zip`)));
    expect(names).toHaveLength(10);
    expect(names).toContain('MCH-2562-0001/๑.๓-สำเนาทะเบียนบ้าน-2.png');
    expect(names).toContain('MCH-2562-0002/๒.๒-บันทึกการประชุม-มติ-1.png');

    const usage = runCli('export-mchch.ts', [], t.file);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('ต้องระบุ --round');
    expect(usage.stderr).toContain('วิธีใช้:');
  }, CLI_TIMEOUT_MS);

  it('a document whose file is gone from disk: the rest still goes out, index.csv reads ไม่ครบ', async () => {
    const { leader } = await seedRound();
    const lost = (await leader.attachments()).find((a) => a.row.slot === 'mchch.idCard')!;
    fs.unlinkSync(contentPath(t.config.attachments.dir, OFFICE, lost.row.sha256));
    const out = outDir();
    const result = await exportRound(t.db, t.config.attachments.dir, packProfile(t), { roundId: ROUND_2562.id, out, now: clock.now() });
    expect(result.missingFiles).toBe(1);
    expect(fs.readdirSync(path.join(out, 'MCH-2562-0001'))).not.toContain('๑.๔-สำเนาบัตรประชาชน-1.png');
    expect(fs.readdirSync(path.join(out, 'MCH-2562-0001'))).toContain('๑.๓-สำเนาทะเบียนบ้าน-2.png');
    expect(fs.readFileSync(path.join(out, 'index.csv'), 'utf8')).toContain('MCH-2562-0001,ผู้นำชุมชน,สมศรี ใจดี,เอกสารพร้อมยื่นที่อำเภอ,ไม่ครบ');
  });
});
