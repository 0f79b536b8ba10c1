/**
 * Every user-visible string of the web app, in French and English. The shared catalogue
 * (`fr.json`, `en.json`) holds the shell and the first poles; each later area keeps its own
 * pair of files under `messages/` (`<area>.fr.json`, `<area>.en.json`, one top-level key per
 * area) so that areas built side by side never edit the same file. Add a pair here by
 * spreading both files; the parity check in `index.ts` then covers it.
 */
import frShared from './fr.json';
import identityGrantsFr from './messages/identityGrants.fr.json';
import identityGrantsEn from './messages/identityGrants.en.json';
import enShared from './en.json';
import associationFr from './messages/association.fr.json';
import auditFr from './messages/audit.fr.json';
import auditEn from './messages/audit.en.json';
import associationEn from './messages/association.en.json';
import contactsFr from './messages/contacts.fr.json';
import contactsEn from './messages/contacts.en.json';
import forceFiguresFr from './messages/forceFigures.fr.json';
import forceFiguresEn from './messages/forceFigures.en.json';
import figureSetsFr from './messages/figureSets.fr.json';
import figureSetsEn from './messages/figureSets.en.json';
import legalPickerFr from './messages/legalPicker.fr.json';
import legalPickerEn from './messages/legalPicker.en.json';
import officeFr from './messages/office.fr.json';
import officeEn from './messages/office.en.json';
import phoneFr from './messages/phone.fr.json';
import phoneEn from './messages/phone.en.json';
import pressFr from './messages/press.fr.json';
import pressEn from './messages/press.en.json';
import recordsFr from './messages/records.fr.json';
import recordsEn from './messages/records.en.json';
import researchFr from './messages/research.fr.json';
import researchEn from './messages/research.en.json';
import rotaFr from './messages/rota.fr.json';
import rotaEn from './messages/rota.en.json';
import houseFr from './messages/house.fr.json';
import houseEn from './messages/house.en.json';
import meetingsFr from './messages/meetings.fr.json';
import meetingsEn from './messages/meetings.en.json';
import monitoringFr from './messages/monitoring.fr.json';
import monitoringEn from './messages/monitoring.en.json';
import shareCardsFr from './messages/shareCards.fr.json';
import shareCardsEn from './messages/shareCards.en.json';
import newsletterFr from './messages/newsletter.fr.json';
import newsletterEn from './messages/newsletter.en.json';

export const fr = { ...frShared, ...associationFr, ...auditFr, ...contactsFr, ...figureSetsFr, ...forceFiguresFr, ...legalPickerFr, ...officeFr, ...phoneFr, ...pressFr, ...recordsFr, ...researchFr, ...rotaFr, ...houseFr, ...meetingsFr, ...monitoringFr, ...shareCardsFr, ...newsletterFr, ...identityGrantsFr };
export const en = { ...enShared, ...associationEn, ...auditEn, ...contactsEn, ...figureSetsEn, ...forceFiguresEn, ...legalPickerEn, ...officeEn, ...phoneEn, ...pressEn, ...recordsEn, ...researchEn, ...rotaEn, ...houseEn, ...meetingsEn, ...monitoringEn, ...shareCardsEn, ...newsletterEn, ...identityGrantsEn };
