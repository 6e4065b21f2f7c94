import { registerSection } from '../../core/index.js';
import { domainTexts } from '../../core/i18n/domain.js';
import { nurseTexts } from '../../core/i18n/nurse.js';

// Imported by every nurse element for this side effect: their texts come with them, and stay out
// of the patient's bundle. Registering twice is harmless.
registerSection(nurseTexts);
registerSection(domainTexts);
