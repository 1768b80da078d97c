// What to bring to a visit. For an allowance registration the legal documents come from the rules
// (src/rules/documents.ts, the same list the eligibility card shows): what a person coming for
// themselves brings, then what a proxy adds. The office profile's `bring` adds the office's own
// items, and is the whole list for services that are not allowance registrations.
import type { OfficeService } from '../office/profile';
import { aidsDocuments, disabilityDocuments, documentText, elderlyDocuments, type Facts, type RequiredDocument } from '../rules';

const UNKNOWN_PERSON: Facts = { birth: 'unknown', thaiNational: 'unknown', registeredInArea: 'unknown', applicant: 'self' };

const RULES_DOCUMENTS: Partial<Record<OfficeService['id'], (facts: Facts) => RequiredDocument[]>> = {
  elderly: elderlyDocuments,
  disability: (facts) => disabilityDocuments({ ...facts, disabilityCard: 'valid' }, false),
  aids: (facts) => aidsDocuments({ ...facts, aidsDiagnosis: 'certified' }),
};

export function bringItems(service: OfficeService): string[] {
  const documents = RULES_DOCUMENTS[service.id];
  if (!documents) return service.bring;
  const ownDocuments = documents(UNKNOWN_PERSON);
  const own = ownDocuments.map(documentText);
  // Papers only a proxy brings (the same document with a proxy's note is not repeated).
  const proxyOnly = documents({ ...UNKNOWN_PERSON, applicant: 'proxy' })
    .filter((d) => !ownDocuments.some((o) => o.th === d.th))
    .map(documentText);
  const proxyLine = proxyOnly.length > 0 ? [`ถ้ามีผู้มาแทน: ${proxyOnly.join(', ')}`] : [];
  return [...own, ...proxyLine, ...service.bring.filter((item) => !own.includes(item))];
}
