import { expect } from 'chai';
import { describe, it } from 'node:test';
import { CodeGuard, constantTimeEqual } from './sms-code.js';

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
