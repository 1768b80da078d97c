// Every flow and menu entry the bot offers. Adding a service means adding it here.
import { contactEntry } from './contact';
import { deleteDataEntry, deleteDataFlow, privacyEntry } from './privacy';
import type { Entry, Flow } from './types';

export const defaultFlows: readonly Flow[] = [deleteDataFlow];

export const defaultEntries: readonly Entry[] = [contactEntry, privacyEntry, deleteDataEntry];
