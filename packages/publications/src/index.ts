export { organizationKey, normaliseName, shortRegionName, type RegionNames } from './organization-key.ts';
export { publicationIdentity, type PublicationIdentity, type ReportIdentityInput } from './publication-key.ts';
export { pickCanonical, compareSources, type SourceCandidate } from './canonical.ts';
export { compareSourceValues, type SourceValue, type SourceDisagreement, type SourceAgreement } from './disagreements.ts';
export { amountKey, lineKey } from './value-keys.ts';
