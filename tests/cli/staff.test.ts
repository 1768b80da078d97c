// npm run staff -- invite|add|list|role|remove: against a real database file, as an administrator runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_CONFIG_PATH } from '../../src/office/profile';
import { createHash } from 'node:crypto';
import { q } from '../../src/db/sql';
import { isStaff, staffRole } from '../../src/db/staff';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile as tempFile } from '../support/harness';

const tempDbFile = () => newTestDatabaseName(tempFile);
import { CLI_TIMEOUT_MS, runCli } from './run';

const USER = 'U0123456789abcdef0123456789abcdef';
const OTHER = 'Ufedcba9876543210fedcba9876543210';

describe('npm run staff', () => {
  it('adds, lists and removes staff by LINE user id', async () => {
    const file = tempDbFile();
    await openTestDatabase(file).then((db) => db.close());
    expect(runCli('staff.ts', ['list'], file)).toMatchObject({ code: 0, stdout: 'ยังไม่มีเจ้าหน้าที่ในระบบ\n' });
    expect(runCli('staff.ts', ['add', USER], file)).toMatchObject({ code: 0, stdout: `เพิ่ม ${USER} เป็นเจ้าหน้าที่แล้ว\n` });
    expect(runCli('staff.ts', ['add', USER], file)).toMatchObject({ code: 0, stdout: `${USER} เป็นเจ้าหน้าที่อยู่แล้ว (เปลี่ยนบทบาทด้วย npm run staff -- role)\n` });
    const listed = runCli('staff.ts', ['list'], file);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${USER}  เจ้าหน้าที่  เพิ่มด้วยคำสั่ง  \\d+ \\S+ 25\\d\\d เวลา \\d\\d:\\d\\d น\\.\\n$`));

    const db = await openTestDatabase(file);
    expect(await isStaff(db, 'default', USER)).toBe(true);
    await db.close();

    expect(runCli('staff.ts', ['remove', USER], file)).toMatchObject({ code: 0, stdout: `นำ ${USER} ออกจากเจ้าหน้าที่แล้ว\n` });
    expect(runCli('staff.ts', ['remove', USER], file)).toMatchObject({ code: 1, stderr: `ไม่พบ ${USER} ในรายชื่อเจ้าหน้าที่\n` });
  }, CLI_TIMEOUT_MS);

  it('adds an admin, changes roles (audited), and never leaves an office that has admins without one', async () => {
    const file = tempDbFile();
    await openTestDatabase(file).then((db) => db.close());
    expect(runCli('staff.ts', ['add', USER, '--admin'], file)).toMatchObject({ code: 0, stdout: `เพิ่ม ${USER} เป็นผู้ดูแลระบบแล้ว\n` });
    expect(runCli('staff.ts', ['add', OTHER], file)).toMatchObject({ code: 0 });
    expect(runCli('staff.ts', ['list'], file).stdout).toMatch(new RegExp(`^${USER}  ผู้ดูแลระบบ  .*\\n${OTHER}  เจ้าหน้าที่  `));
    // The only admin can be neither demoted nor removed.
    const demote = runCli('staff.ts', ['role', USER, 'officer'], file);
    expect(demote.code).toBe(1);
    expect(demote.stderr).toContain('ผู้ดูแลระบบคนสุดท้าย');
    expect(runCli('staff.ts', ['remove', USER], file).code).toBe(1);
    expect(runCli('staff.ts', ['role', OTHER, 'admin'], file)).toMatchObject({ code: 0, stdout: `${OTHER} เป็นผู้ดูแลระบบแล้ว\n` });
    expect(runCli('staff.ts', ['role', USER, 'officer'], file)).toMatchObject({ code: 0, stdout: `${USER} เป็นเจ้าหน้าที่แล้ว\n` });
    expect(runCli('staff.ts', ['role', USER, 'boss'], file).code).toBe(1);
    expect(runCli('staff.ts', ['role', 'U123', 'admin'], file).code).toBe(1);

    const db = await openTestDatabase(file);
    expect(await staffRole(db, 'default', USER)).toBe('officer');
    expect(await staffRole(db, 'default', OTHER)).toBe('admin');
    const audited = await db.all<{ actor: string; action: string; target: string }>(q`SELECT actor, action, target FROM audit_log WHERE office_id = 'default' ORDER BY id`);
    expect(audited).toEqual([
      { actor: 'cli', action: 'staff.add', target: `staff:${USER}` },
      { actor: 'cli', action: 'staff.add', target: `staff:${OTHER}` },
      { actor: 'cli', action: 'staff.role', target: `staff:${OTHER}` },
      { actor: 'cli', action: 'staff.role', target: `staff:${USER}` },
    ]);
    await db.close();
  }, CLI_TIMEOUT_MS);

  it('invite prints a one-time code and when it expires, and nothing else secret; only its hash is stored', async () => {
    const file = tempDbFile();
    await openTestDatabase(file).then((db) => db.close());
    const made = runCli('staff.ts', ['invite', '--role', 'admin', '--hours', '24'], file, { LINE_CHANNEL_SECRET: 'cli-secret-xyz', LINE_CHANNEL_ACCESS_TOKEN: 'cli-token-xyz' });
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const code = /รหัสเชิญผู้ดูแลระบบ: ([A-Z2-9]{4})-([A-Z2-9]{4})\n/.exec(made.stdout);
    expect(code, made.stdout).not.toBeNull();
    expect(made.stdout).toContain('ใช้ได้ครั้งเดียว ถึง ');
    expect(made.stdout).not.toMatch(/cli-secret-xyz|cli-token-xyz|[0-9a-f]{64}/);
    // The code is the only code-like thing printed.
    expect(made.stdout.match(/[A-Z2-9]{4}-[A-Z2-9]{4}/g)).toHaveLength(1);

    const db = await openTestDatabase(file);
    const rows = await db.all<{ codeHash: string; role: string; createdBy: string; createdAt: number; expiresAt: number; usedAt: unknown }>(q`SELECT * FROM staff_invitations`);
    expect(rows).toHaveLength(1);
    const plain = code![1]! + code![2]!;
    expect(rows[0]).toMatchObject({ role: 'admin', createdBy: 'cli', usedAt: null, codeHash: createHash('sha256').update(plain).digest('hex') });
    expect(JSON.stringify(rows)).not.toContain(plain);
    expect(Number(rows[0]!.expiresAt) - Number(rows[0]!.createdAt)).toBe(24 * 3600_000);
    await db.close();

    for (const bad of [['invite', '--role', 'boss'], ['invite', '--hours', '0'], ['invite', '--hours'], ['invite', '--hours', '1000'], ['invite', 'extra']]) {
      const refused = runCli('staff.ts', bad, file);
      expect(refused.code, bad.join(' ')).toBe(1);
      expect(refused.stdout).toBe('');
    }
  }, CLI_TIMEOUT_MS);

  it('with several offices, --office names whose staff (default: the office "default"); an unknown office is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offices-'));
    for (const id of ['a', 'b']) fs.copyFileSync(DEFAULT_OFFICE_CONFIG_PATH, path.join(dir, `${id}.json`));
    const file = tempDbFile();
    await openTestDatabase(file).then((db) => db.close());
    const env = { OFFICES_DIR: dir };
    expect(runCli('staff.ts', ['add', USER, '--office', 'b'], file, env)).toMatchObject({ code: 0, stdout: `เพิ่ม ${USER} เป็นเจ้าหน้าที่แล้ว\n` });
    expect(runCli('staff.ts', ['--office', 'a', 'list'], file, env)).toMatchObject({ code: 0, stdout: 'ยังไม่มีเจ้าหน้าที่ในระบบ\n' });
    expect(runCli('staff.ts', ['list', '--office', 'b'], file, env).stdout).toContain(USER);
    const unknown = runCli('staff.ts', ['add', USER, '--office', 'udon'], file, env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no office "udon"');
    // Without OFFICES_DIR the only office is "default".
    expect(runCli('staff.ts', ['list', '--office', 'b'], file).code).toBe(1);
    expect(runCli('staff.ts', ['add', USER, '--office'], file, env).code).toBe(1);

    const db = await openTestDatabase(file);
    expect(await isStaff(db, 'b', USER)).toBe(true);
    expect(await isStaff(db, 'a', USER)).toBe(false);
    expect(await isStaff(db, 'default', USER)).toBe(false);
    await db.close();
  }, CLI_TIMEOUT_MS);

  it.each([[['add', 'U123']], [['add']], [['promote', USER]], [[]], [['add', USER, 'extra']]])('refuses %j with the usage and exit code 1', async (args) => {
    const file = tempDbFile();
    await openTestDatabase(file).then((db) => db.close());
    const result = runCli('staff.ts', args, file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('วิธีใช้:');
    expect(result.stdout).toBe('');
  });
});
