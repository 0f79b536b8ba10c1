// Every user-visible string of the web app in French: the shared catalogue and each area's file
// (see catalogues.ts). Loaded on its own, so a phone downloads only the language it shows.
import frShared from './fr.json';
import associationFr from './messages/association.fr.json';
import auditFr from './messages/audit.fr.json';
import contactsFr from './messages/contacts.fr.json';
import forceFiguresFr from './messages/forceFigures.fr.json';
import figureSetsFr from './messages/figureSets.fr.json';
import legalPickerFr from './messages/legalPicker.fr.json';
import officeFr from './messages/office.fr.json';
import phoneFr from './messages/phone.fr.json';
import pressFr from './messages/press.fr.json';
import recordsFr from './messages/records.fr.json';
import researchFr from './messages/research.fr.json';
import rotaFr from './messages/rota.fr.json';
import houseFr from './messages/house.fr.json';
import houseLifeFr from './messages/house-life.fr.json';
import availabilityFr from './messages/availability.fr.json';
import meetingsFr from './messages/meetings.fr.json';
import membersFr from './messages/members.fr.json';
import monitoringFr from './messages/monitoring.fr.json';
import shareCardsFr from './messages/shareCards.fr.json';
import newsletterFr from './messages/newsletter.fr.json';
import siteEditorFr from './messages/siteEditor.fr.json';
import mailDeskFr from './messages/mailDesk.fr.json';
import campaignsFr from './messages/campaigns.fr.json';
import grantsFr from './messages/grants.fr.json';
import identityGrantsFr from './messages/identityGrants.fr.json';
import publicSiteFr from './messages/publicSite.fr.json';
import testimoniesFr from './messages/testimonies.fr.json';
import roundsFr from './messages/rounds.fr.json';
import fieldRecordsFr from './messages/fieldRecords.fr.json';
import mediaFr from './messages/media.fr.json';

export const fr = { ...frShared, ...associationFr, ...auditFr, ...contactsFr, ...figureSetsFr, ...forceFiguresFr, ...legalPickerFr, ...officeFr, ...phoneFr, ...pressFr, ...recordsFr, ...researchFr, ...rotaFr, ...houseFr, ...meetingsFr, ...membersFr, ...monitoringFr, ...shareCardsFr, ...newsletterFr, ...siteEditorFr, ...mailDeskFr, ...campaignsFr, ...identityGrantsFr, ...publicSiteFr, ...grantsFr, ...testimoniesFr, ...houseLifeFr, ...availabilityFr, ...roundsFr, ...mediaFr, ...fieldRecordsFr };
