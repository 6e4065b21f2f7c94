/**
 * The personnummer project's cross-implementation test list (github.com/personnummer/meta,
 * testdata/list.json, MIT licence, Copyright (c) Personnummer and Contributors), as a module so that
 * it loads the same way in Node and in the browser. Source: ../shared/testdata in this workspace.
 */
export interface MetaEntry {
  readonly long_format: string;
  readonly short_format: string;
  readonly separated_format: string;
  readonly separated_long: string;
  readonly valid: boolean;
  readonly type: 'ssn' | 'con';
}

export const personnummerMetaList: readonly MetaEntry[] = [
  {
    long_format: '201509160006',
    short_format: '1509160006',
    separated_format: '150916-0006',
    separated_long: '20150916-0006',
    valid: false,
    type: 'ssn'
  },
  {
    long_format: '190905271474',
    short_format: '0905271474',
    separated_format: '090527+1474',
    separated_long: '19090527+1474',
    valid: true,
    type: 'ssn'
  },
  {
    long_format: '200002292399',
    short_format: '0002292399',
    separated_format: '000229-2399',
    separated_long: '20000229-2399',
    valid: true,
    type: 'ssn'
  },
  {
    long_format: '197004289895',
    short_format: '7004289895',
    separated_format: '700428-9895',
    separated_long: '19700428-9895',
    valid: false,
    type: 'ssn'
  },
  {
    long_format: '195704289999',
    short_format: '5704289999',
    separated_format: '570428-9999',
    separated_long: '19570428-9999',
    valid: true,
    type: 'ssn'
  },
  {
    long_format: '194205669899',
    short_format: '4205669899',
    separated_format: '420566-9899',
    separated_long: '19420566-9899',
    valid: false,
    type: 'con'
  },
  {
    long_format: '197302889931',
    short_format: '7302889931',
    separated_format: '730288-9931',
    separated_long: '19730288-9931',
    valid: true,
    type: 'con'
  },
  {
    long_format: '196004309886',
    short_format: '6004309886',
    separated_format: '600430-9886',
    separated_long: '19600430-9886',
    valid: false,
    type: 'ssn'
  },
  {
    long_format: '194608239986',
    short_format: '4608239986',
    separated_format: '460823-9986',
    separated_long: '19460823-9986',
    valid: true,
    type: 'ssn'
  },
  {
    long_format: '197210869924',
    short_format: '7210869924',
    separated_format: '721086-9924',
    separated_long: '19721086-9924',
    valid: false,
    type: 'con'
  },
  {
    long_format: '202107919967',
    short_format: '2107919967',
    separated_format: '210791-9967',
    separated_long: '20210791-9967',
    valid: true,
    type: 'con'
  },
  {
    long_format: '190901219931',
    short_format: '0901219931',
    separated_format: '090121+9931',
    separated_long: '19090121+9931',
    valid: true,
    type: 'ssn'
  },
  {
    long_format: '200004059937',
    short_format: '0004059937',
    separated_format: '000405-9937',
    separated_long: '20000405-9937',
    valid: true,
    type: 'ssn'
  },
  {
    long_format: '19090527 1474',
    short_format: '090527 1474',
    separated_format: '090527 1474',
    separated_long: '19090527 1474',
    valid: false,
    type: 'ssn'
  }
];
