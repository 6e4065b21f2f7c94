import { defineElement } from '../shared/define.js';
import { DhSpeakerTest } from './speaker-test.element.js';

defineElement('dh-speaker-test', DhSpeakerTest);

declare global {
  interface HTMLElementTagNameMap {
    'dh-speaker-test': DhSpeakerTest;
  }
}
