// Every flow and menu entry the bot offers. Adding a service means adding it here.
import { bookingEntry, bookingFlow } from './booking';
import { cancelBookingEntry, myBookingsEntry } from './booking-manage';
import { caseDecideEntry, caseNoteEntry, caseNoteFlow, caseOpenEntry, caseQueueEntry, myCasesEntry } from './cases';
import { contactEntry } from './contact';
import { handoffAnswerEntry, handoffAnswerFlow, handoffCloseEntry, handoffEndEntry, handoffEntry, handoffFlow } from './handoff';
import { mchchStatusEntry } from './mchch/status';
import { formationEntry, formationFlow } from './groups/formation';
import { eligibilityAidsEntry, eligibilityDisabilityEntry, eligibilityElderlyEntry, eligibilityEntry, eligibilityFlow } from './eligibility';
import { cancelRegistrationRemindersEntry, eligibilityDetailsEntry, remindRegistrationEntry } from './eligibility-card';
import { groupReportEntry, groupReportFlow } from './groups/report';
import { groupCommitteeEntry, groupJoinEntry, groupLeaveEntry, groupUpdateEntry, groupUpdateFlow } from './groups/update';
import { hubEntry, hubFlow } from './groups/hub';
import { profileEntry, profileFlow } from './groups/profile';
import { bankEntry, bankFlow } from './groups/bank';
import { committeeEntry, committeeFlow } from './groups/committee';
import { fundsEntry, fundsFlow } from './groups/funds';
import { membersEntry, membersFlow } from './groups/members';
import { minutesEntry, minutesFlow } from './groups/minutes';
import { rulesEntry, rulesFlow } from './groups/rules';
import { intakeEntry, intakeFlow } from './mchch/intake';
import { mchchHandedInEntry, mchchHubEntry, mchchHubFlow } from './mchch/hub';
import { docEntry as mchchDocEntry, docFlow as mchchDocFlow } from './mchch/doc';
import { listEntry as mchchListEntry, listFlow as mchchListFlow } from './mchch/lists';
import { formEntry as mchchFormEntry, formFlow as mchchFormFlow } from './mchch/form';
import { applicantEntry as mchchApplicantEntry, applicantFlow as mchchApplicantFlow } from './mchch/applicant';
import { deleteDataEntry, deleteDataFlow, privacyEntry } from './privacy';
import { mchchSubscribeEntry, mchchUnsubscribeEntry } from './mchch/subscribe';
import { staffDayEntry, staffInviteEntry, staffTodayEntry, staffTomorrowEntry } from './staff';
import { staffSignInEntry } from './staff-sign-in';
import type { Entry, Flow } from './types';

export const defaultFlows: readonly Flow[] = [
  eligibilityFlow,
  bookingFlow,
  deleteDataFlow,
  caseNoteFlow,
  formationFlow,
  groupReportFlow,
  groupUpdateFlow,
  hubFlow,
  profileFlow,
  fundsFlow,
  bankFlow,
  committeeFlow,
  membersFlow,
  rulesFlow,
  minutesFlow,
  intakeFlow,
  mchchHubFlow,
  mchchDocFlow,
  mchchListFlow,
  mchchFormFlow,
  mchchApplicantFlow,
  handoffFlow,
  handoffAnswerFlow,
];

export const defaultEntries: readonly Entry[] = [
  // The named allowances before the general check: "เช็คสิทธิ์เบี้ยพิการ" checks the disability one.
  eligibilityElderlyEntry,
  eligibilityDisabilityEntry,
  eligibilityAidsEntry,
  eligibilityEntry,
  eligibilityDetailsEntry,
  remindRegistrationEntry,
  cancelRegistrationRemindersEntry,
  // "นัดของฉัน" before "นัด": typed words are matched against entries in this order.
  myBookingsEntry,
  bookingEntry,
  cancelBookingEntry,
  staffTodayEntry,
  staffSignInEntry,
  staffTomorrowEntry,
  staffDayEntry,
  staffInviteEntry,
  caseDecideEntry,
  caseNoteEntry,
  caseOpenEntry,
  caseQueueEntry,
  mchchStatusEntry,
  myCasesEntry,
  groupReportEntry,
  groupUpdateEntry,
  groupJoinEntry,
  groupLeaveEntry,
  groupCommitteeEntry,
  formationEntry,
  hubEntry,
  profileEntry,
  fundsEntry,
  bankEntry,
  committeeEntry,
  membersEntry,
  rulesEntry,
  minutesEntry,
  mchchSubscribeEntry,
  mchchUnsubscribeEntry,
  intakeEntry,
  mchchHubEntry,
  mchchDocEntry,
  mchchListEntry,
  mchchFormEntry,
  mchchApplicantEntry,
  mchchHandedInEntry,
  handoffEntry,
  handoffEndEntry,
  handoffAnswerEntry,
  handoffCloseEntry,
  contactEntry,
  privacyEntry,
  deleteDataEntry,
];
