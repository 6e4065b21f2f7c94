import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { MessageKey } from '../../core/index.js';
import { baseStyles } from '../shared/base.styles.js';
import { DhElement } from '../shared/dh-element.js';
import { MediaDevicesController } from '../shared/media-devices.controller.js';
import '../speaker-test/define.js';

type Verdict = 'checking' | 'ok' | 'bad';

/**
 * @tagname dh-device-check
 * @summary Camera preview, microphone level, speaker test, device choice and a signalling check,
 * each with its own verdict and, when something is wrong, what to do about it.
 *
 * @fires dh-device-check - After each check; `detail.ready` is true when the visit can go ahead.
 * @fires dh-speaker-test - From the speaker test: `detail.heard`.
 *
 * @csspart preview - The camera preview.
 * @csspart verdicts - The list of checks.
 *
 * @cssproperty --dh-color-success - The "works" mark.
 * @cssproperty --dh-color-error - The "does not work" mark.
 */
export class DhDeviceCheck extends DhElement {
  static override styles = [baseStyles, css`
    :host { max-width: 40rem; }
    .layout { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: 1rem; align-items: start; }
    @media (max-width: 36rem) { .layout { grid-template-columns: 1fr; } }
    video { width: 100%; aspect-ratio: 4 / 3; background: #222; border-radius: var(--_radius); transform: scaleX(-1); }
    ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
    li { display: grid; gap: 0.2rem; }
    meter { width: 100%; height: 1rem; }
    select { width: 100%; }
  `];

  /** The PeerServer URL to check, e.g. '/peerjs'. */
  @property({ attribute: 'signalling-url' }) accessor signallingUrl = '/peerjs';

  @state() private accessor network: Verdict = 'checking';
  @state() private accessor audioOnly = false;
  @state() private accessor started = false;

  readonly devices = new MediaDevicesController(this);
  #choice: { videoId?: string; audioId?: string } = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.check();
  }

  /** True when there is a microphone and a reachable signalling server (a camera is optional). */
  get ready(): boolean {
    const stream = this.devices.stream;
    return this.network === 'ok' && Boolean(stream && stream.getAudioTracks().length > 0);
  }

  /** Hands the checked stream over (to the call, which stops it when the visit ends). */
  takeStream(): MediaStream | undefined {
    return this.devices.take();
  }

  /** Checks again; a device chosen now joins the one chosen before (the other stays as it was). */
  async check(choice: { videoId?: string; audioId?: string } = {}): Promise<void> {
    this.started = true;
    this.#choice = { ...this.#choice, ...choice };
    await Promise.all([this.devices.start({ ...this.#choice, audioOnly: this.audioOnly }), this.#checkNetwork()]);
    this.requestUpdate();
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (video && this.devices.stream) {
      video.srcObject = this.devices.stream;
      await video.play().catch(() => undefined);
    }
    this.emit('dh-device-check', { ready: this.ready, audioOnly: this.audioOnly });
  }

  async #checkNetwork(): Promise<void> {
    this.network = 'checking';
    try {
      const response = await fetch(`${this.signallingUrl.replace(/\/$/, '')}/`, { cache: 'no-store', referrerPolicy: 'no-referrer' });
      this.network = response.ok ? 'ok' : 'bad';
    } catch {
      this.network = 'bad';
    }
  }

  #problemText(device: 'camera' | 'microphone'): string | undefined {
    const p = this.devices.problem;
    if (!p) return undefined;
    if (p.kind === 'busy') return this.t('ui.device.busy');
    if (p.kind === 'failed') return this.t('ui.device.failed');
    if (!('device' in p) || (p.device !== device && p.device !== 'both')) return undefined;
    return this.t(`ui.device.${p.kind}.${device}` as MessageKey);
  }

  protected override render(): TemplateResult {
    const stream = this.devices.stream;
    const hasVideo = Boolean(stream?.getVideoTracks().length);
    const hasAudio = Boolean(stream?.getAudioTracks().length);
    const cameraProblem = this.#problemText('camera');
    const micProblem = this.#problemText('microphone');
    const verdict = (ok: boolean, problem?: string): TemplateResult => html`
      <span class="verdict ${ok ? 'ok' : 'bad'}">${ok ? `✓ ${this.t('ui.device.ok')}` : `✗ ${problem ?? this.t('ui.device.failed')}`}</span>`;
    // Before permission browsers list devices without names: number them rather than show blanks.
    const label = (d: MediaDeviceInfo, i: number, kind: 'camera' | 'microphone'): string =>
      d.label || `${this.t(`ui.device.${kind}`)} ${String(i + 1)}`;
    const inUse = (kind: 'audio' | 'video'): string | undefined =>
      (kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks())?.[0]?.getSettings().deviceId;
    return html`
      <h2>${this.t('ui.device.title')}</h2>
      <div class="layout">
        <video part="preview" aria-label=${this.t('ui.device.preview')} muted playsinline ?hidden=${!hasVideo}></video>
        <ul part="verdicts" aria-live="polite">
          <li>
            <strong>${this.t('ui.device.camera')}</strong>
            ${!this.started ? this.t('ui.device.checking') : this.audioOnly ? html`<span class="verdict">${this.t('ui.device.audioOnly')}</span>` : verdict(hasVideo, cameraProblem)}
            ${this.devices.cameras.length > 1 ? html`
              <label for="camera" class="visually-hidden">${this.t('ui.device.camera')}</label>
              <select id="camera" @change=${(e: Event) => void this.check({ videoId: (e.target as HTMLSelectElement).value })}>
                ${this.devices.cameras.map((d, i) => html`<option value=${d.deviceId} ?selected=${live(inUse('video') === d.deviceId)}>${label(d, i, 'camera')}</option>`)}
              </select>` : nothing}
            ${cameraProblem && !this.audioOnly && hasAudio ? html`
              <button part="button" type="button" @click=${() => {
                this.audioOnly = true;
                void this.check();
              }}>${this.t('ui.device.audioOnly')}</button>` : nothing}
          </li>
          <li>
            <strong>${this.t('ui.device.microphone')}</strong>
            ${this.started ? verdict(hasAudio, micProblem) : this.t('ui.device.checking')}
            ${hasAudio ? html`<meter aria-label=${this.t('ui.device.level')} min="0" max="1" .value=${this.devices.level}></meter>` : nothing}
            ${this.devices.microphones.length > 0 ? html`
              <label for="microphone" class="visually-hidden">${this.t('ui.device.microphone')}</label>
              <select id="microphone" @change=${(e: Event) => void this.check({ audioId: (e.target as HTMLSelectElement).value })}>
                ${this.devices.microphones.map((d, i) => html`<option value=${d.deviceId} ?selected=${live(inUse('audio') === d.deviceId)}>${label(d, i, 'microphone')}</option>`)}
              </select>` : nothing}
          </li>
          <li>
            <strong>${this.t('ui.device.speaker')}</strong>
            <dh-speaker-test lang=${this.locale}></dh-speaker-test>
          </li>
          <li>
            <strong>${this.t('ui.device.network')}</strong>
            ${this.network === 'checking' ? this.t('ui.device.checking')
              : html`<span class="verdict ${this.network}">${this.network === 'ok' ? `✓ ${this.t('ui.device.network.ok')}` : `✗ ${this.t('ui.device.network.failed')}`}</span>`}
          </li>
        </ul>
      </div>
      ${this.devices.problem ? html`<button part="button" type="button" @click=${() => void this.check()}>${this.t('ui.device.retry')}</button>` : nothing}
    `;
  }
}
