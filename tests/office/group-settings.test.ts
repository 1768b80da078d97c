// The office's settings for community groups: an office that writes nothing gets the reference's
// careful defaults (no member minimum, no member IDs, quarterly reports); a bad setting stops
// start-up naming the field, like every other part of the profile.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_SETTINGS } from '../../src/office/group-settings';
import { DEFAULT_OFFICE_CONFIG_PATH, OfficeProfileError, parseOfficeProfile } from '../../src/office/profile';

const example = JSON.parse(fs.readFileSync(DEFAULT_OFFICE_CONFIG_PATH, 'utf8')) as Record<string, unknown>;

function problemsOf(groups: unknown): string[] {
  try {
    parseOfficeProfile({ ...example, groups }, 'test.json');
    return [];
  } catch (error) {
    return (error as OfficeProfileError).problems.map((p) => `${p.path}: ${p.problem}`);
  }
}

describe('group settings in the office profile', () => {
  it('an office that writes none gets the defaults of the reference (Q4, Q8, Q29)', () => {
    const { groups } = parseOfficeProfile({ ...example, groups: undefined }, 'test.json');
    expect(groups).toEqual(DEFAULT_GROUP_SETTINGS);
    expect(groups).toMatchObject({ minMembers: null, collectMemberIds: false, reportPeriod: 'quarterly', requiredSections: ['profile', 'members', 'committee', 'rules', 'bank'] });
  });

  it('a part written keeps the defaults of the rest', () => {
    const { groups } = parseOfficeProfile({ ...example, groups: { minMembers: 7, committee: { max: 9 } } }, 'test.json');
    expect(groups.minMembers).toBe(7);
    expect(groups.committee).toEqual({ ...DEFAULT_GROUP_SETTINGS.committee, max: 9 });
    expect(groups.types).toEqual(DEFAULT_GROUP_SETTINGS.types);
  });

  it('refuses what would break a conversation, naming the field', () => {
    expect(problemsOf({ types: ['กลุ่มวิสาหกิจชุมชนผลิตภัณฑ์แปรรูป'] })[0]).toMatch(/^groups\.types\[0\]: .*more than 20 characters/);
    expect(problemsOf({ requiredSections: ['profile', 'salary'] })[0]).toMatch(/^groups\.requiredSections\[1\]/);
    expect(problemsOf({ committee: { min: 9, max: 5 } })[0]).toMatch(/^groups\.committee\.max: must not be less than min/);
    expect(problemsOf({ minMembers: 0 })[0]).toMatch(/^groups\.minMembers/);
    expect(problemsOf({ draftRetentionDays: 7 })[0]).toMatch(/^groups\.draftRetentionDays: at least 30 days/);
    expect(problemsOf({ committeePositions: ['ประธาน', 'ประธาน'] })[0]).toMatch(/^groups\.committeePositions: lists a label twice/);
    expect(problemsOf({ memberIds: true })[0]).toMatch(/^groups: unknown field "memberIds"/);
  });
});
