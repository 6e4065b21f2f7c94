import { defineElement } from '../shared/define.js';
import { DhStarProfile } from './star-profile.element.js';

defineElement('dh-star-profile', DhStarProfile);

declare global {
  interface HTMLElementTagNameMap {
    'dh-star-profile': DhStarProfile;
  }
}
