// The มชช. pack (src/mchch/pack.ts): one application as an A4 PDF in Thai. The text layer is read
// back with poppler's pdftotext (what a copy-paste or a search finds), page 1 is rendered with
// pdftoppm for a person to look at (the path is printed) and checked not blank, and — when
// tesseract has Thai — read back by OCR. Without poppler-utils these tests are skipped, saying so.
// pdftotext runs with -raw (the order the text was written): by default it orders glyphs by their
// position, and a tone mark raised by the font (GPOS) would be read out after its neighbour.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { casePackPdf } from '../../src/mchch/export';
import { renderApplicationPdf } from '../../src/mchch/pack';
import { clock, expectNoLineProblems, fake, type TestBot } from '../support/harness';
import { applicantWithDraft, caseOf, completeData, mchchBot, moveCase } from './helpers';
import { applicationWithFiles, hasTool, packProfile } from './pack-fixtures';

const POPPLER = hasTool('pdftotext') && hasTool('pdftoppm');
const TESSERACT_THAI = hasTool('tesseract', ['--version']) && /\btha\b/.test(safeRun('tesseract', ['--list-langs']));
if (!POPPLER) console.warn('pack tests SKIPPED: pdftotext/pdftoppm (Debian poppler-utils) are not installed; .ci/run installs them when it can.');

function safeRun(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return '';
  }
}

const work = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mchch-pack-'));

function pdfText(pdf: Buffer, ...args: string[]): string {
  const file = path.join(work(), 'pack.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', ...args, file, '-'], { encoding: 'utf8' });
}

function pageCount(pdf: Buffer): number {
  return pdfText(pdf).split('\f').length - 1;
}

/** Page 1 as a grey image: the share of dark pixels (text and lines). */
function inkShare(pdf: Buffer): number {
  const dir = work();
  fs.writeFileSync(path.join(dir, 'p.pdf'), pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', path.join(dir, 'p.pdf'), path.join(dir, 'g')]);
  const pgm = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.pgm'))!));
  // P5\n<w> <h>\n255\n then one byte per pixel
  const header = pgm.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

describe.skipIf(!POPPLER)('the pack of one application', () => {
  let t: TestBot;
  beforeEach(async () => {
    fake.reset();
    t = await mchchBot();
  });
  afterEach(async () => {
    await t.close();
    expectNoLineProblems();
  });

  async function leaderPack(change?: Parameters<typeof applicationWithFiles>[2]) {
    const app = await applicationWithFiles(t, 'leader', change);
    await moveCase(t, app.caseId, [{ to: 'pack_ready', actor: { role: 'applicant', id: app.person.userId } }]);
    const { c } = await caseOf(t, app.caseId);
    // From the database in one call: the attachments and the history loaded.
    const pdf = await casePackPdf(t.db, t.config.attachments.dir, packProfile(t), c, clock.now());
    return { pdf, c };
  }

  it("a complete leader's pack: Thai text layer exact (tone marks, ำ and า), the round, the checklist, the history, one page per photo", async () => {
    const { pdf, c } = await leaderPack();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const page1 = text.split('\f')[0]!;
    expect(c.reference).toBe('MCH-2562-0001');
    for (const s of [
      'สมศรี ใจดี',
      '081-234-5678',
      'ผู้นำชุมชน',
      'มชช. ประจำปี 2562 (จังหวัดฉะเชิงเทรา)',
      'รับสมัคร 11 ม.ค.–4 ก.พ. 2562',
      'ภายในวันที่ 11 ก.พ. 2562',
      'หนังสือจังหวัดฉะเชิงเทรา ที่ ฉช ๐๐๑๙/ว ๑๖๙',
      'MCH-2562-0001',
      'ที่ปรึกษา',
      'สำเนาทะเบียนบ้าน',
      'สำเนาบัตรประชาชน',
      'ประธานกองทุนหมู่บ้าน (ปี 2560)',
      'ผู้ใหญ่บ้าน (ตำแหน่งทางการ)',
      // Q24: resident since 1 May 2010, counted to the day it was sent (21 Jan 2019).
      '1 พ.ค. 2553 (8 ปี ณ วันที่ 21 ม.ค. 2562)',
      'ไม่มีคณะที่ปรึกษา',
      'เอกสารพร้อมยื่นที่อำเภอ',
      'กำลังกรอกใบสมัคร',
    ]) {
      expect(page1, s).toContain(s);
    }
    // The checklist: the seed's numbers, what each has.
    expect(page1).toMatch(/๑\.๓[\s\S]*สำเนาทะเบียนบ้าน/);
    expect(page1).toContain('มี 2 หน้า');
    expect(page1.match(/มี 1 หน้า/g)).toHaveLength(3);
    expect(page1).not.toContain('ขาด');
    // Nothing lost in the text layer: every า is still there after the first ำ.
    expect(text).not.toMatch(/ที่ปรึกษ(?!า)|เน(?!า)\s*ทะเบียน/);
    // Summary page + 5 photos (ใบสมัคร, รูปถ่าย, ทะเบียนบ้าน ×2, บัตรประชาชน), each captioned.
    expect(pageCount(pdf)).toBe(6);
    expect(text).toContain('๑.๓ สำเนาทะเบียนบ้าน — หน้า 2/2');
    // No phone number or name outside the applicant's own pack: the footer has the reference only.
    expect(text.split('\f')[5]).toContain('MCH-2562-0001');
  });

  it('page 1 renders (pdftoppm) and is not blank; the PNG is kept for a person to look at', async () => {
    const { pdf } = await leaderPack();
    const dir = work();
    const file = path.join(dir, 'leader.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'mchch-pack-leader')]);
    const png = path.join(dir, 'mchch-pack-leader.png');
    const kept = path.join(os.tmpdir(), 'mchch-pack-leader.png');
    fs.copyFileSync(png, kept);
    fs.copyFileSync(file, path.join(os.tmpdir(), 'mchch-pack-leader.pdf'));
    console.log(`rendered page 1 of a complete leader's pack: ${kept}`);
    expect(fs.statSync(kept).size).toBeGreaterThan(5000);
    const ink = inkShare(pdf);
    expect(ink).toBeGreaterThan(0.01);
    expect(ink).toBeLessThan(0.4);
  });

  it.skipIf(!TESSERACT_THAI)('OCR (tesseract, Thai) reads Thai words back from the rendered page', async () => {
    const { pdf } = await leaderPack();
    const dir = work();
    fs.writeFileSync(path.join(dir, 'p.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'p.pdf'), path.join(dir, 'p')]);
    const ocr = execFileSync('tesseract', [path.join(dir, 'p.png'), '-', '-l', 'tha'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // Tone marks and vowels above/below drawn in the right place are what lets OCR read these.
    // (Tesseract writes ำ as ํ + า: both sides are compared in NFKC.)
    const read = ocr.normalize('NFKC').replace(/\s+/g, '');
    const words = ['ผู้สมัคร', 'คุณสมบัติ', 'ผู้นำชุมชน', 'สำเนาทะเบียนบ้าน', 'เอกสารประกอบการสมัคร', 'ตามหนังสือ'];
    const found = words.filter((w) => read.includes(w.normalize('NFKC')));
    expect(found.length, `OCR found ${found.join(', ')}`).toBeGreaterThanOrEqual(3);
  });
  if (!TESSERACT_THAI) it.skip('OCR check skipped: tesseract with Thai (Debian tesseract-ocr-tha) is not installed', () => {});

  it('a missing required document reads ขาด, a draft has no reference; a document sent as a PDF is a separate file, not a page; a photo gone from disk is said so', async () => {
    const app = await applicationWithFiles(t, 'leader', {
      pdfFor: 'houseRegistration',
      change: (d) => ({ ...d, idCard: undefined }),
    });
    const { c, data, history } = await caseOf(t, app.caseId);
    // The ใบสมัคร's photo is gone from disk: its page says so.
    const attachments = (await app.attachments()).map((a) => (a.row.slot === 'mchch.applicationForm' ? { row: a.row } : a));
    const text = pdfText(await renderApplicationPdf(c, data, attachments, packProfile(t), clock.now(), history));
    expect(text).toMatch(/๑\.๑ ใบสมัคร — หน้า 1\/1\s+ไม่พบไฟล์รูปนี้ในเครื่อง/);
    expect(text).toMatch(/สำเนาบัตรประชาชน[\s\S]{0,40}ขาด|ขาด[\s\S]{0,40}สำเนาบัตรประชาชน/);
    expect(text).toContain('ยังไม่ได้ส่ง (ฉบับร่าง)');
    expect(text).toContain('มี 2 หน้า (ไฟล์ PDF แนบแยก)');
    // ใบสมัคร and รูปถ่าย only: the PDF pages are not drawn, the ID card is missing.
    expect(text.split('\f').length - 1).toBe(3);
    expect(text).not.toContain('สำเนาทะเบียนบ้าน — หน้า');
  });

  // ำ after a tone mark, marks over tall consonants: the text layer must read back exactly.
  const ADDRESS = 'ซอยน้ำใส ตำบลท่าข้าม อำเภอบ้านโพธิ์ ป่าสักซ้ำ ค่ำ';
  it("a community's pack: its name, area, resolution, the team as ทีมนำการพัฒนา, the inferred ใบสมัคร said so; the office's form fields", async () => {
    const { caseId } = await applicantWithDraft(t, completeData('community', []));
    const { c, data, history } = await caseOf(t, caseId);
    const profile = packProfile(t, {
      form: { fields: [{ id: 'founded', label: 'ปีที่ก่อตั้งชุมชน', kind: 'number' }, { id: 'leaderOnly', label: 'เฉพาะผู้นำ', types: ['leader'] }] },
    });
    const text = pdfText(await renderApplicationPdf(c, { ...data, form: { founded: '2540' }, applicant: { ...data.applicant!, address: ADDRESS } }, [], profile, clock.now(), history));
    for (const s of [ADDRESS, 'ชุมชนบ้านคลองสวน', 'หมู่ที่ 4', 'มีมติแล้ว เมื่อวันที่ 12 ม.ค. 2562 (ประชาคม)', 'รายชื่อทีมนำการพัฒนา', 'สมหมาย มั่นคง — ประธานชุมชน', 'ไม่มีในหนังสือ', '๓.๔', 'ปีที่ก่อตั้งชุมชน', '2540']) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain('เฉพาะผู้นำ');
    expect(text).not.toContain('สำเนาบัตรประชาชน');
  });

  it("the office's own checklist (Q15) replaces the seed's: only its items, an optional one not sent reads ไม่ได้ส่ง (ไม่บังคับ)", async () => {
    const app = await applicationWithFiles(t, 'leader', { change: (d) => ({ ...d, idCard: undefined }) });
    const { c, data, history } = await caseOf(t, app.caseId);
    const profile = packProfile(t, { documents: { leader: [{ key: 'applicationForm', required: true }, { key: 'idCard', required: false }] } });
    const text = pdfText(await renderApplicationPdf(c, data, await app.attachments(), profile, clock.now(), history));
    const checklist = text.slice(text.indexOf('เอกสารประกอบการสมัคร'), text.indexOf('ประวัติการดำเนินการ'));
    expect(checklist).toContain('๑.๔');
    expect(checklist).toContain('ไม่ได้ส่ง (ไม่บังคับ)');
    expect(checklist).not.toContain('สำเนาทะเบียนบ้าน');
    expect(checklist).not.toContain('ขาด');
    // Only the listed documents' photos are pages: the summary and the ใบสมัคร.
    expect(text.split('\f').length - 1).toBe(2);
  });
});
