// Every user-visible string of the web app in English: the shared catalogue and each area's file
// (see catalogues.ts). Loaded on its own, so a phone downloads only the language it shows.
import enShared from './en.json';
import auditEn from './messages/audit.en.json';
import associationEn from './messages/association.en.json';
import contactsEn from './messages/contacts.en.json';
import forceFiguresEn from './messages/forceFigures.en.json';
import figureSetsEn from './messages/figureSets.en.json';
import legalPickerEn from './messages/legalPicker.en.json';
import officeEn from './messages/office.en.json';
import phoneEn from './messages/phone.en.json';
import pressEn from './messages/press.en.json';
import recordsEn from './messages/records.en.json';
import researchEn from './messages/research.en.json';
import rotaEn from './messages/rota.en.json';
import houseEn from './messages/house.en.json';
import houseLifeEn from './messages/house-life.en.json';
import availabilityEn from './messages/availability.en.json';
import meetingsEn from './messages/meetings.en.json';
import membersEn from './messages/members.en.json';
import monitoringEn from './messages/monitoring.en.json';
import shareCardsEn from './messages/shareCards.en.json';
import newsletterEn from './messages/newsletter.en.json';
import siteEditorEn from './messages/siteEditor.en.json';
import mailDeskEn from './messages/mailDesk.en.json';
import campaignsEn from './messages/campaigns.en.json';
import grantsEn from './messages/grants.en.json';
import identityGrantsEn from './messages/identityGrants.en.json';
import publicSiteEn from './messages/publicSite.en.json';
import testimoniesEn from './messages/testimonies.en.json';
import roundsEn from './messages/rounds.en.json';
import fieldRecordsEn from './messages/fieldRecords.en.json';
import mediaEn from './messages/media.en.json';

export const en = { ...enShared, ...associationEn, ...auditEn, ...contactsEn, ...figureSetsEn, ...forceFiguresEn, ...legalPickerEn, ...officeEn, ...phoneEn, ...pressEn, ...recordsEn, ...researchEn, ...rotaEn, ...houseEn, ...meetingsEn, ...membersEn, ...monitoringEn, ...shareCardsEn, ...newsletterEn, ...siteEditorEn, ...mailDeskEn, ...campaignsEn, ...identityGrantsEn, ...publicSiteEn, ...grantsEn, ...testimoniesEn, ...houseLifeEn, ...availabilityEn, ...roundsEn, ...mediaEn, ...fieldRecordsEn };
