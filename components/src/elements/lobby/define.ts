import { defineElement } from '../shared/define.js';
import { DhLobby } from './lobby.element.js';

defineElement('dh-lobby', DhLobby);

declare global {
  interface HTMLElementTagNameMap {
    'dh-lobby': DhLobby;
  }
}
