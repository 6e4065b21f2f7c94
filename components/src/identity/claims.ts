/**
 * Claim names and defaults of the Swedish OpenID Connect profile (oidc.se), shared by the
 * patient's sign-in and the nurse's check of the ID token.
 */

/** Where a broker puts each part of the identity; any may be renamed for a broker that differs. */
export interface IdentityClaimNames {
  /** The personnummer, 12 digits (default `https://id.oidc.se/claim/personalIdentityNumber`; some brokers: `ssn`). */
  readonly personalIdentityNumber?: string;
  /** The samordningsnummer, 12 digits (default `https://id.oidc.se/claim/coordinationNumber`). */
  readonly coordinationNumber?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly name?: string;
}

export const DEFAULT_CLAIMS: Required<IdentityClaimNames> = {
  personalIdentityNumber: 'https://id.oidc.se/claim/personalIdentityNumber',
  coordinationNumber: 'https://id.oidc.se/claim/coordinationNumber',
  givenName: 'given_name',
  familyName: 'family_name',
  name: 'name',
};

/** What the patient's sign-in asks for by default: the person's number and name. */
export const DEFAULT_SCOPE = 'openid https://id.oidc.se/scope/naturalPersonNumber';

/** The Swedish level of assurance 3 (BankID and Freja eID+ both reach it). */
export const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';

/** The ways a patient can sign in. */
export type SignInMethod = 'bankid' | 'freja';

/** The claim names to read: the profile's, with any given one in its place. */
export function claimNames(claims: IdentityClaimNames | undefined): Required<IdentityClaimNames> {
  const names = { ...DEFAULT_CLAIMS };
  for (const key of Object.keys(names) as (keyof IdentityClaimNames)[]) {
    const given = claims?.[key];
    if (typeof given === 'string' && given !== '') names[key] = given;
  }
  return names;
}
