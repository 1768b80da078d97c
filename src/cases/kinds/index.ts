// Every kind of case the bot handles. A new kind is one file beside this one and one line here.
import type { AnyKind } from '../kind';
import { groupKind } from './group';
import { groupReportKind } from './group-report';
import { groupUpdateKind } from './group-update';
import { mchchKind } from './mchch';

export const caseKinds: Readonly<Record<string, AnyKind>> = {
  [groupKind.id]: groupKind as unknown as AnyKind,
  [groupReportKind.id]: groupReportKind as unknown as AnyKind,
  [groupUpdateKind.id]: groupUpdateKind as unknown as AnyKind,
  [mchchKind.id]: mchchKind as unknown as AnyKind,
};

export function kindOf(id: string): AnyKind | undefined {
  return caseKinds[id];
}
