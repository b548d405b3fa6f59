/**
 * The two-level theme taxonomy of cases, as data: wellbeing (the psychosocial procedure) and integrity
 * (the whistleblower procedure). Administrators may replace it (kept in settings); these are the defaults.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { settings } from '../../platform/db/schema.ts';
import type { Language } from '../../platform/i18n/languages.ts';

export type Domain = 'wellbeing' | 'integrity';

export interface Theme {
  code: string;
  domain: Domain;
  labels: Record<Language, string>;
}

export interface Taxonomy {
  domains: { code: Domain; labels: Record<Language, string> }[];
  themes: Theme[];
}

const t = (nl: string, fr: string, en: string, de: string): Record<Language, string> => ({ nl, fr, en, de });

export const defaultTaxonomy: Taxonomy = {
  domains: [
    { code: 'wellbeing', labels: t('Welzijn op het werk', 'Bien-être au travail', 'Wellbeing at work', 'Wohlbefinden am Arbeitsplatz') },
    { code: 'integrity', labels: t('Integriteit', 'Intégrité', 'Integrity', 'Integrität') },
  ],
  themes: [
    { code: 'stress_burnout', domain: 'wellbeing', labels: t('Stress en burn-out', 'Stress et burn-out', 'Stress and burn-out', 'Stress und Burn-out') },
    { code: 'conflict', domain: 'wellbeing', labels: t('Conflict op het werk', 'Conflit au travail', 'Conflict at work', 'Konflikt am Arbeitsplatz') },
    { code: 'bullying', domain: 'wellbeing', labels: t('Pesten', 'Harcèlement moral', 'Bullying', 'Mobbing') },
    { code: 'violence', domain: 'wellbeing', labels: t('Geweld', 'Violence', 'Violence', 'Gewalt') },
    { code: 'sexual_harassment', domain: 'wellbeing', labels: t('Ongewenst seksueel gedrag', 'Harcèlement sexuel', 'Sexual harassment', 'Sexuelle Belästigung') },
    { code: 'discrimination', domain: 'wellbeing', labels: t('Discriminatie', 'Discrimination', 'Discrimination', 'Diskriminierung') },
    { code: 'reintegration', domain: 'wellbeing', labels: t('Re-integratie', 'Réintégration', 'Reintegration', 'Wiedereingliederung') },
    { code: 'fraud', domain: 'integrity', labels: t('Fraude', 'Fraude', 'Fraud', 'Betrug') },
    { code: 'corruption', domain: 'integrity', labels: t('Corruptie en omkoping', 'Corruption et pots-de-vin', 'Corruption and bribery', 'Korruption und Bestechung') },
    { code: 'conflict_of_interest', domain: 'integrity', labels: t('Belangenconflict', "Conflit d'intérêts", 'Conflict of interest', 'Interessenkonflikt') },
    { code: 'misuse', domain: 'integrity', labels: t('Misbruik van middelen of positie', 'Abus de moyens ou de position', 'Misuse of resources or position', 'Missbrauch von Mitteln oder Stellung') },
    { code: 'leak', domain: 'integrity', labels: t('Lekken van vertrouwelijke informatie', "Fuite d'informations confidentielles", 'Leaking confidential information', 'Weitergabe vertraulicher Informationen') },
    { code: 'favouritism', domain: 'integrity', labels: t('Vriendjespolitiek', 'Favoritisme', 'Favouritism', 'Günstlingswirtschaft') },
    { code: 'code_of_conduct', domain: 'integrity', labels: t('Inbreuk op de deontologische code', 'Manquement au code de déontologie', 'Breach of the code of conduct', 'Verstoß gegen den Verhaltenskodex') },
    { code: 'other_integrity', domain: 'integrity', labels: t('Ander integriteitsprobleem', "Autre problème d'intégrité", 'Other integrity matter', 'Andere Integritätsfrage') },
  ],
};

export function findTheme(taxonomy: Taxonomy, code: string): Theme | undefined {
  return taxonomy.themes.find((theme) => theme.code === code);
}

export function themesOf(taxonomy: Taxonomy, domain: Domain): Theme[] {
  return taxonomy.themes.filter((theme) => theme.domain === domain);
}

export const taxonomyKey = 'reporting.taxonomy';

/** The administrators' taxonomy, or the default one while they have not changed it. */
export async function loadTaxonomy(db: Db): Promise<Taxonomy> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, taxonomyKey));
  return (row?.value as Taxonomy | undefined) ?? defaultTaxonomy;
}

export function themeLabel(taxonomy: Taxonomy, code: string, lang: Language): string {
  return taxonomy.themes.find((theme) => theme.code === code)?.labels[lang] ?? code;
}
