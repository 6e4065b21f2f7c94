/**
 * Who can sign in at the demo's test provider: Skatteverket's test personnummer (Tolvan
 * Tolvansson's, and three from the personnummer project's shared test list, one of them a
 * samordningsnummer), with invented names. Never a real person's number.
 */
export interface TestPerson {
  /** The provider's `sub` for the person: opaque, not derived from the number. */
  readonly sub: string;
  /** As the project stores it, 'YYYYMMDD-NNNN' (a samordningsnummer keeps its day + 60). */
  readonly personnummer: string;
  readonly givenName: string;
  readonly familyName: string;
  /** A samordningsnummer: sent in the coordination number claim. */
  readonly coordination?: true;
}

export const TEST_PERSONS: readonly TestPerson[] = [
  { sub: 'testperson-1', personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson' },
  { sub: 'testperson-2', personnummer: '19460823-9986', givenName: 'Greta', familyName: 'Provberg' },
  { sub: 'testperson-3', personnummer: '20000405-9937', givenName: 'Elias', familyName: 'Teststrand' },
  { sub: 'testperson-4', personnummer: '19730288-9931', givenName: 'Amir', familyName: 'Exempelsson', coordination: true },
];

/** The 12 digits of a person's number, as the claims carry it. */
export const digitsOf = (person: TestPerson): string => person.personnummer.replace('-', '');
