// Every flow and menu entry the bot offers. Adding a service means adding it here.
import { contactEntry } from './contact';
import { eligibilityEntry, eligibilityFlow } from './eligibility';
import { cancelRegistrationRemindersEntry, remindRegistrationEntry } from './eligibility-card';
import { deleteDataEntry, deleteDataFlow, privacyEntry } from './privacy';
import type { Entry, Flow } from './types';

export const defaultFlows: readonly Flow[] = [eligibilityFlow, deleteDataFlow];

export const defaultEntries: readonly Entry[] = [
  eligibilityEntry,
  remindRegistrationEntry,
  cancelRegistrationRemindersEntry,
  contactEntry,
  privacyEntry,
  deleteDataEntry,
];
