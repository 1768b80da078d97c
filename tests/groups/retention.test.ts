// PDPA retention of group drafts: the scheduler's retention pass deletes a group case never sent and
// untouched for the office's draftRetentionDays, with its history, attachment rows and files.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraft } from '../../src/cases/actions';
import { findCase } from '../../src/cases/store';
import { recordAttachment, bindAttachment } from '../../src/attachments/store';
import { contentPath, storeContent } from '../../src/attachments/files';
import { q } from '../../src/db/sql';
import { GROUP_SLOTS } from '../../src/groups/data';
import { clock, createTestBot, type TestBot } from '../support/harness';
import { updateRow } from '../support/database';
import { NOW, submittedCase } from '../cases/helpers';
import { sampleProfile } from './fixtures';

const DAY_MS = 86_400_000;
let t: TestBot;

beforeEach(async () => {
  clock.set(NOW.toISOString());
  // The default office keeps drafts 30 days; office b keeps its default 180.
  t = await createTestBot({ offices: ['default', 'b'], profile: (p) => (p.id === 'default' ? { ...p, groups: { ...p.groups, draftRetentionDays: 30 } } : p) });
});
afterEach(async () => {
  await t.close();
});

/** A draft of `office` with one photo bound to it (row and content on disk). */
async function draftWithPhoto(office: string, user: string, bytes: string) {
  const c = await t.db.transaction((tx) => createDraft(tx, office, 'group', user, NOW, { profile: sampleProfile() }));
  const sha256 = await storeContent(t.config.attachments.dir, office, Buffer.from(bytes));
  const row = await recordAttachment(t.db, office, { messageId: `m-${office}-${user}`, userId: user, sha256, mime: 'image/png', bytes: bytes.length }, NOW.getTime());
  await bindAttachment(t.db, office, row.id, user, Object.values(GROUP_SLOTS)[0]!, c.id);
  return { c, file: contentPath(t.config.attachments.dir, office, sha256) };
}

const attachmentsOf = (office: string, caseId: number) =>
  t.db.all(q`SELECT id FROM attachments WHERE office_id = ${office} AND case_id = ${caseId}`);

describe('group draft retention', () => {
  it('deletes a draft untouched past the office’s days with its attachments; keeps sent cases and other offices’ drafts', async () => {
    const old = await draftWithPhoto('default', 'Uold', 'photo of an old draft');
    const inB = await draftWithPhoto('b', 'Uold', 'photo in office b');
    const sent = await submittedCase(t.db, 'Usent');
    const withdrawnAfterSending = await submittedCase(t.db, 'Uwithdrew');
    await updateRow(t.db, 'cases', { id: withdrawnAfterSending.id }, { status: 'withdrawn' });

    clock.advance(29 * DAY_MS);
    await t.bot.scheduler.runRetention();
    expect(await findCase(t.db, 'default', old.c.id)).toBeDefined(); // not yet 30 days

    clock.advance(2 * DAY_MS);
    await t.bot.scheduler.runRetention();
    expect(await findCase(t.db, 'default', old.c.id)).toBeUndefined();
    expect(await attachmentsOf('default', old.c.id)).toEqual([]);
    expect(await t.db.all(q`SELECT id FROM case_history WHERE office_id = 'default' AND case_id = ${old.c.id}`)).toEqual([]);
    expect(fs.existsSync(old.file)).toBe(false);

    expect(await findCase(t.db, 'default', sent.id)).toMatchObject({ status: 'submitted' });
    expect(await findCase(t.db, 'default', withdrawnAfterSending.id)).toMatchObject({ status: 'withdrawn' });
    // Office b keeps drafts 180 days: the default office's 30 are not applied to it.
    expect(await findCase(t.db, 'b', inB.c.id)).toBeDefined();
    expect(await attachmentsOf('b', inB.c.id)).toHaveLength(1);
    expect(fs.existsSync(inB.file)).toBe(true);

    clock.advance(150 * DAY_MS);
    await t.bot.scheduler.runRetention();
    expect(await findCase(t.db, 'b', inB.c.id)).toBeUndefined();
    expect(fs.existsSync(inB.file)).toBe(false);
  });
});
