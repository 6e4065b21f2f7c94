import { expect } from 'chai';
import { describe, it } from 'node:test';
import { CodeGuard, constantTimeEqual, tryCode } from './sms-code.js';

describe('constantTimeEqual', () => {
  const cases: [string, string, boolean][] = [
    ['042917', '042917', true], ['042917', '042918', false], ['042917', '04291', false], ['', '', true],
    ['042917', '0429170', false], ['a', 'b', false],
  ];
  for (const [a, b, equal] of cases) it(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => {
    expect(constantTimeEqual(a, b)).to.equal(equal);
  });
});

describe('CodeGuard', () => {
  it('accepts the right code, with spaces or a dash as typed', () => {
    expect(new CodeGuard('042917').check('042 917')).to.deep.equal({ result: 'ok' });
    expect(new CodeGuard('042917').check('042-917')).to.deep.equal({ result: 'ok' });
  });
  it('counts down wrong tries and locks after the fifth, even for the right code then', () => {
    const guard = new CodeGuard('042917');
    expect([1, 2, 3, 4].map(() => guard.check('111111'))).to.deep.equal([
      { result: 'wrong', triesLeft: 4 }, { result: 'wrong', triesLeft: 3 }, { result: 'wrong', triesLeft: 2 }, { result: 'wrong', triesLeft: 1 },
    ]);
    expect(guard.check('222222')).to.deep.equal({ result: 'locked' });
    expect(guard.locked).to.equal(true);
    expect(guard.check('042917')).to.deep.equal({ result: 'locked' });
  });
});

describe('tryCode', () => {
  const cases: [string, number, string, ReturnType<typeof tryCode>][] = [
    ['right, no wrong tries yet', 0, '042917', { check: { result: 'ok' }, wrong: 0 }],
    ['right after four wrong', 4, '042 917', { check: { result: 'ok' }, wrong: 4 }],
    ['first wrong', 0, '000000', { check: { result: 'wrong', triesLeft: 4 }, wrong: 1 }],
    ['fifth wrong locks', 4, '000000', { check: { result: 'locked' }, wrong: 5 }],
    ['right once locked', 5, '042917', { check: { result: 'locked' }, wrong: 5 }],
    ['anything once locked', 9, '', { check: { result: 'locked' }, wrong: 9 }],
  ];
  for (const [what, wrongSoFar, typed, expected] of cases) it(what, () => {
    expect(tryCode('042917', wrongSoFar, typed)).to.deep.equal(expected);
  });
});
