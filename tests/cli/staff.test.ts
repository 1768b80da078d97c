// npm run staff -- add|list|remove <userId>: against a real database file, as an administrator runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_CONFIG_PATH } from '../../src/office/profile';
import { isStaff } from '../../src/db/staff';
import { newTestDatabaseName, openTestDatabase } from '../support/database';
import { tempDbFile as tempFile } from '../support/harness';

const tempDbFile = () => newTestDatabaseName(tempFile);
import { CLI_TIMEOUT_MS, runCli } from './run';

const USER = 'U0123456789abcdef0123456789abcdef';

describe('npm run staff', () => {
  it('adds, lists and removes staff by LINE user id', async () => {
    const file = tempDbFile();
    await openTestDatabase(file).then((db) => db.close());
    expect(runCli('staff.ts', ['list'], file)).toMatchObject({ code: 0, stdout: 'ยังไม่มีเจ้าหน้าที่ในระบบ\n' });
    expect(runCli('staff.ts', ['add', USER], file)).toMatchObject({ code: 0, stdout: `เพิ่ม ${USER} เป็นเจ้าหน้าที่แล้ว\n` });
    expect(runCli('staff.ts', ['add', USER], file)).toMatchObject({ code: 0, stdout: `${USER} เป็นเจ้าหน้าที่อยู่แล้ว\n` });
    const listed = runCli('staff.ts', ['list'], file);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${USER}  เพิ่มด้วยคำสั่ง  \\d+ \\S+ 25\\d\\d เวลา \\d\\d:\\d\\d น\\.\\n$`));

    const db = await openTestDatabase(file);
    expect(await isStaff(db, 'default', USER)).toBe(true);
    await db.close();

    expect(runCli('staff.ts', ['remove', USER], file)).toMatchObject({ code: 0, stdout: `นำ ${USER} ออกจากเจ้าหน้าที่แล้ว\n` });
    expect(runCli('staff.ts', ['remove', USER], file)).toMatchObject({ code: 1, stderr: `ไม่พบ ${USER} ในรายชื่อเจ้าหน้าที่\n` });
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
