import { css, type TemplateResult } from 'lit';
import { baseStyles } from '../shared/base.styles.js';
import { CurrentClinicController } from '../shared/current-clinic.controller.js';
import '../shared/nurse-texts.js';
import { DhElement } from '../shared/dh-element.js';
import { selectField } from '../shared/field.js';

/**
 * @tagname dh-clinic-picker
 * @summary The clinic the nurse works at now, chosen once for the page: the invitation, the calendar
 * and the lobby follow it at once, and her browser remembers it. Elements with a `clinic`
 * attribute keep theirs.
 *
 * @fires dh-clinic-change - The nurse chose a clinic; `detail.clinicId`.
 *
 * @csspart field - The label and the list.
 *
 * @cssproperty --dh-color-border - The list's border.
 * @cssproperty --dh-focus-ring - Focus outline colour.
 * @cssproperty --dh-font-family - Font.
 */
export class DhClinicPicker extends DhElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .field { margin: 0; }
  `];

  readonly #clinic = new CurrentClinicController(this, () => '');

  /** Resolves when the nurse's remembered clinic has been read and is shown. */
  async whenReady(): Promise<void> {
    await this.#clinic.ready;
    await this.updateComplete;
  }

  #onChange = (e: Event): void => {
    void this.#clinic.choose((e.target as HTMLSelectElement).value);
  };

  protected override render(): TemplateResult {
    return selectField({
      name: 'clinic', label: this.t('ui.clinic.picker'), value: this.#clinic.id, choose: this.t('ui.choose'),
      options: this.#clinic.clinics.map((c) => [c.id, c.name]), onChange: this.#onChange,
    });
  }
}
