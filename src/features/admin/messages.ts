/** Text of the back office for administrators: its start page here; users, entities, the reporting point's settings and the audit trail in messages/. */
import { defineMessages, type MessageSet } from '../../platform/i18n/define.ts';
import { languages } from '../../platform/i18n/languages.ts';
import { auditMessages } from './messages/audit.ts';
import { entityMessages } from './messages/entities.ts';
import { reportingConfigMessages } from './messages/reporting.ts';
import { userMessages } from './messages/users.ts';

const overviewMessages = defineMessages({
  nl: {
    'admin.title': 'Beheer',
    'admin.intro': 'Beheer de gebruikers en hun rollen, de entiteiten van de organisatie en de functies van dossierbehandelaars, en lees het auditspoor.',
    'admin.nav.label': 'Onderdelen van het beheer',
    'admin.nav.overview': 'Overzicht',
    'admin.nav.users': 'Gebruikers',
    'admin.nav.entities': 'Entiteiten',
    'admin.nav.handlerFunctions': 'Functies van behandelaars',
    'admin.nav.audit': 'Auditspoor',
    'admin.overview.activeUsers': '{count, plural, one {actieve gebruiker} other {actieve gebruikers}}',
    'admin.overview.usersHelp': 'Accounts, rollen, tijdelijke wachtwoorden en tweestapsverificatie.',
    'admin.overview.disabledUsers': '{count, plural, one {uitgeschakelde gebruiker} other {uitgeschakelde gebruikers}}',
    'admin.overview.disabledHelp': 'Zij kunnen zich niet aanmelden; hun gegevens blijven bewaard.',
    'admin.overview.entities': '{count, plural, one {entiteit} other {entiteiten}}',
    'admin.overview.entitiesHelp': 'De boom van de overheid, haar departementen, agentschappen en diensten.',
    'admin.overview.handlerFunctions': '{count, plural, one {functie van behandelaars} other {functies van behandelaars}}',
    'admin.overview.handlerFunctionsHelp': 'Vertrouwenspersoon, preventieadviseur en de andere functies van dossierbehandelaars.',
    'admin.overview.auditEvents': '{count, plural, one {gebeurtenis in het auditspoor} other {gebeurtenissen in het auditspoor}}',
    'admin.overview.auditHelp': 'Wie deed wat en wanneer, met een controle van de keten.',
  },
  fr: {
    'admin.title': 'Administration',
    'admin.intro': "Gérez les utilisateurs et leurs rôles, les entités de l'organisation et les fonctions des gestionnaires de dossiers, et consultez le journal d'audit.",
    'admin.nav.label': "Rubriques de l'administration",
    'admin.nav.overview': 'Aperçu',
    'admin.nav.users': 'Utilisateurs',
    'admin.nav.entities': 'Entités',
    'admin.nav.handlerFunctions': 'Fonctions des gestionnaires',
    'admin.nav.audit': "Journal d'audit",
    'admin.overview.activeUsers': '{count, plural, one {utilisateur actif} other {utilisateurs actifs}}',
    'admin.overview.usersHelp': 'Comptes, rôles, mots de passe temporaires et vérification en deux étapes.',
    'admin.overview.disabledUsers': '{count, plural, one {utilisateur désactivé} other {utilisateurs désactivés}}',
    'admin.overview.disabledHelp': 'Ils ne peuvent pas se connecter ; leurs données sont conservées.',
    'admin.overview.entities': '{count, plural, one {entité} other {entités}}',
    'admin.overview.entitiesHelp': "L'arbre de l'administration, de ses départements, agences et services.",
    'admin.overview.handlerFunctions': '{count, plural, one {fonction de gestionnaire} other {fonctions de gestionnaire}}',
    'admin.overview.handlerFunctionsHelp': 'Personne de confiance, conseiller en prévention et les autres fonctions des gestionnaires de dossiers.',
    'admin.overview.auditEvents': "{count, plural, one {événement dans le journal d'audit} other {événements dans le journal d'audit}}",
    'admin.overview.auditHelp': 'Qui a fait quoi et quand, avec une vérification de la chaîne.',
  },
  en: {
    'admin.title': 'Administration',
    'admin.intro': "Manage users and their roles, the organisation's entities and the case handlers' functions, and read the audit trail.",
    'admin.nav.label': 'Parts of the administration',
    'admin.nav.overview': 'Overview',
    'admin.nav.users': 'Users',
    'admin.nav.entities': 'Entities',
    'admin.nav.handlerFunctions': 'Handler functions',
    'admin.nav.audit': 'Audit trail',
    'admin.overview.activeUsers': '{count, plural, one {active user} other {active users}}',
    'admin.overview.usersHelp': 'Accounts, roles, temporary passwords and two-step verification.',
    'admin.overview.disabledUsers': '{count, plural, one {disabled user} other {disabled users}}',
    'admin.overview.disabledHelp': 'They cannot sign in; their data is kept.',
    'admin.overview.entities': '{count, plural, one {entity} other {entities}}',
    'admin.overview.entitiesHelp': 'The tree of the government, its departments, agencies and units.',
    'admin.overview.handlerFunctions': '{count, plural, one {handler function} other {handler functions}}',
    'admin.overview.handlerFunctionsHelp': "Confidential counsellor, prevention advisor and the case handlers' other functions.",
    'admin.overview.auditEvents': '{count, plural, one {event in the audit trail} other {events in the audit trail}}',
    'admin.overview.auditHelp': 'Who did what and when, with a check of the chain.',
  },
  de: {
    'admin.title': 'Verwaltung',
    'admin.intro': 'Verwalten Sie die Benutzer und ihre Rollen, die Einheiten der Organisation und die Funktionen der Fallbearbeiter, und lesen Sie das Prüfprotokoll.',
    'admin.nav.label': 'Bereiche der Verwaltung',
    'admin.nav.overview': 'Übersicht',
    'admin.nav.users': 'Benutzer',
    'admin.nav.entities': 'Einheiten',
    'admin.nav.handlerFunctions': 'Funktionen der Bearbeiter',
    'admin.nav.audit': 'Prüfprotokoll',
    'admin.overview.activeUsers': '{count, plural, one {aktiver Benutzer} other {aktive Benutzer}}',
    'admin.overview.usersHelp': 'Konten, Rollen, vorläufige Passwörter und Zwei-Schritt-Verifizierung.',
    'admin.overview.disabledUsers': '{count, plural, one {deaktivierter Benutzer} other {deaktivierte Benutzer}}',
    'admin.overview.disabledHelp': 'Sie können sich nicht anmelden; ihre Daten bleiben erhalten.',
    'admin.overview.entities': '{count, plural, one {Einheit} other {Einheiten}}',
    'admin.overview.entitiesHelp': 'Der Baum der Verwaltung, ihrer Ministerien, Agenturen und Dienststellen.',
    'admin.overview.handlerFunctions': '{count, plural, one {Funktion der Bearbeiter} other {Funktionen der Bearbeiter}}',
    'admin.overview.handlerFunctionsHelp': 'Vertrauensperson, Präventionsberater und die anderen Funktionen der Fallbearbeiter.',
    'admin.overview.auditEvents': '{count, plural, one {Ereignis im Prüfprotokoll} other {Ereignisse im Prüfprotokoll}}',
    'admin.overview.auditHelp': 'Wer hat was wann getan, mit einer Prüfung der Kette.',
  },
});

type KeysOf<S> = S extends MessageSet<infer K> ? K : never;

/** Joins the message sets of this feature's parts into the one set the catalog imports. */
function joinMessageSets<Sets extends MessageSet<string>[]>(...sets: Sets): MessageSet<KeysOf<Sets[number]>> {
  return Object.fromEntries(languages.map((language) => [language, Object.assign({}, ...sets.map((set) => set[language]))])) as MessageSet<KeysOf<Sets[number]>>;
}

export const adminMessages = joinMessageSets(overviewMessages, userMessages, entityMessages, reportingConfigMessages, auditMessages);
