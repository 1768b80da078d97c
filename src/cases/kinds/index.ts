// Every kind of case the bot handles. A new kind is one file beside this one and one line here.
import type { AnyKind } from '../kind';
import { groupKind } from './group';

export const caseKinds: Readonly<Record<string, AnyKind>> = {
  [groupKind.id]: groupKind as unknown as AnyKind,
};

export function kindOf(id: string): AnyKind | undefined {
  return caseKinds[id];
}
