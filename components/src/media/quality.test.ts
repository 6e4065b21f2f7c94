import { expect } from 'chai';
import { describe, it } from 'node:test';
import { qualityOf } from './quality.js';

const link = (rttMs: number | undefined, lostPercent = 0): { rttSeconds: number | undefined; packetsReceived: number; packetsLost: number } =>
  ({ rttSeconds: rttMs === undefined ? undefined : rttMs / 1000, packetsReceived: 1000 - lostPercent * 10, packetsLost: lostPercent * 10 });

describe('connection quality', () => {
  it('says good, fair or poor from round-trip time and loss', () => {
    expect(qualityOf([link(20)])).to.equal('good');
    expect(qualityOf([link(149, 1)])).to.equal('good');
    expect(qualityOf([link(150)])).to.equal('fair');
    expect(qualityOf([link(40, 2)])).to.equal('fair');
    expect(qualityOf([link(399, 7)])).to.equal('fair');
    expect(qualityOf([link(400)])).to.equal('poor');
    expect(qualityOf([link(40, 8)])).to.equal('poor');
  });

  it('is still measuring without a round-trip time, and the worst connection counts', () => {
    expect(qualityOf([])).to.equal('unknown');
    expect(qualityOf([link(undefined)])).to.equal('unknown');
    expect(qualityOf([link(20), link(undefined), link(300)])).to.equal('fair');
    expect(qualityOf([link(500), link(20)])).to.equal('poor');
  });

  it('counts no packets yet as no loss', () => {
    expect(qualityOf([{ rttSeconds: 0.01, packetsReceived: 0, packetsLost: 0 }])).to.equal('good');
  });
});
