// Start-up as an operator sees it: bad settings and a bad office profile stop `npm start` with one
// message naming every problem, and never print a secret; a holiday list that ends too soon is warned of.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start with bad settings', () => {
  it('exits 1 naming every bad setting and every bad office field, secrets hidden', () => {
    const office = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'office-')), 'office.json');
    fs.writeFileSync(office, JSON.stringify({ office: { name: '' } }));
    const run = start({ PORT: 'abc', LINE_CHANNEL_SECRET: 'top-secret-value', OFFICE_CONFIG: office });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a port number');
    expect(run.stderr).toContain('LINE_CHANNEL_ACCESS_TOKEN');
    expect(run.stderr).toContain(`Office profile ${office} is not valid`);
    expect(run.stderr).toContain('office.name: must not be empty');
    expect(run.stderr + run.stdout).not.toContain('top-secret-value');
  });

  it('exits 1 for SIMULATOR=on beside real credentials, without printing a simulator URL', () => {
    const run = start({ SIMULATOR: 'on', LINE_CHANNEL_SECRET: 'real-secret-value', LINE_CHANNEL_ACCESS_TOKEN: 'real-token-value' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SIMULATOR: "on" serves the simulator, which only runs without LINE credentials');
    expect(run.stdout).not.toContain('/simulator');
    expect(run.stderr + run.stdout).not.toMatch(/real-secret-value|real-token-value/);
  });
});

describe('npm start with OFFICES_DIR', () => {
  it('exits 1 naming the office without its token and the bad profile, together with bad settings, secrets hidden', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offices-'));
    const example = fs.readFileSync(path.join(ROOT, 'src/office/example.json'), 'utf8');
    fs.writeFileSync(path.join(dir, 'ban-na.json'), example);
    fs.writeFileSync(path.join(dir, 'nong-khai.json'), JSON.stringify({ office: { name: '' } }));
    const run = start({ PORT: 'abc', OFFICES_DIR: dir, LINE_CHANNEL_SECRET_BAN_NA: 'top-secret-value' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: must be a port number');
    expect(run.stderr).toContain('nong-khai.json is not valid');
    fs.rmSync(path.join(dir, 'nong-khai.json'));
    const again = start({ OFFICES_DIR: dir, LINE_CHANNEL_SECRET_BAN_NA: 'top-secret-value' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('office "ban-na": no LINE_CHANNEL_ACCESS_TOKEN_BAN_NA');
    expect(run.stderr + run.stdout + again.stderr + again.stdout).not.toContain('top-secret-value');
  });
});

describe('npm start with a holiday list that ends too soon', () => {
  it('starts, and warns that days and payment dates past the listed years are not covered', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'office-'));
    const office = path.join(dir, 'office.json');
    const profile = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/office/example.json'), 'utf8'));
    profile.schedule.holidayYears = [2026];
    profile.schedule.holidays = profile.schedule.holidays.filter((h: { date: string }) => h.date.startsWith('2026'));
    profile.schedule.bookingHorizonDays = 366; // reaches the next year whatever day the test runs
    fs.writeFileSync(office, JSON.stringify(profile));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', OFFICE_CONFIG: office, DATABASE_PATH: path.join(dir, 'bot.db'), PORT: String(20000 + Math.floor(Math.random() * 20000)) },
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start-up within 30 s:\n${out}`)), 30_000);
        child.stdout.on('data', () => out.includes('bot listening') && (clearTimeout(timer), resolve()));
        child.on('exit', () => (clearTimeout(timer), reject(new Error(`exited:\n${out}`))));
      });
    } finally {
      child.kill('SIGTERM');
    }
    const warnings = out.split('\n').filter((line) => line.includes('"level":"warn"'));
    expect(warnings.some((w) => w.includes('the booking horizon reaches') && w.includes('not offered'))).toBe(true);
    expect(warnings.some((w) => w.includes('payment dates up to'))).toBe(true);
  }, 40_000);
});
