/** The figures' single entry to disclosure control (./disclosure), so the rest imports it from one place. */
export { auditTable, crossTable, defaultDisclosureRules, hierarchicalTable, protectTable, type DisclosureRules, type LinearTable, type Protection } from './disclosure/index.ts';
