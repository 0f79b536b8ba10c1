/**
 * Every user-visible string of the web app, in French and English. The shared catalogue
 * (`fr.json`, `en.json`) holds the shell and the first poles; each later area keeps its own
 * pair of files under `messages/` (`<area>.fr.json`, `<area>.en.json`, one top-level key per
 * area) so that areas built side by side never edit the same file. Add a pair here by
 * spreading both files; the parity check in `index.ts` then covers it.
 */
import frShared from './fr.json';
import enShared from './en.json';
import recordsFr from './messages/records.fr.json';
import recordsEn from './messages/records.en.json';
import legalPickerFr from './messages/legalPicker.fr.json';
import legalPickerEn from './messages/legalPicker.en.json';

export const fr = { ...frShared, ...recordsFr, ...legalPickerFr };
export const en = { ...enShared, ...recordsEn, ...legalPickerEn };
