import { expect } from 'chai';
import { describe, it } from 'node:test';
import { cachePolicy } from './cache-policy.js';

describe('cachePolicy', () => {
  it('keeps chunks named by their content hash for a year', () => {
    for (const path of ['/dist/chunks/ics-CmK6n1k8.js', '/dist/patient/ar-DtJN29-V.js', '/dist/patient/star-profile-D3sjOFAI.js', '/dist/patient/oidc-client-Dn9rMsN_.js.map']) {
      expect(cachePolicy(path), path).to.equal('public, max-age=31536000, immutable');
    }
  });

  it('has entry files, pages and unhashed assets asked for again', () => {
    for (const path of ['/dist/digitala-halsosamtal.js', '/dist/digitala-halsosamtal-patient.js', '/', '/besok', '/dist/ocr/tesseract/swe.traineddata.gz', '/dist/chunks/ics.js', '/dist/chunks/../digitala-halsosamtal-patient.js', '/demo-config.json']) {
      expect(cachePolicy(path), path).to.equal('no-cache');
    }
  });
});
