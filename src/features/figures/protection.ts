/** The figures' single entry to disclosure control (./disclosure), so the rest imports it from one place. */
export { auditLinkedTables, auditTable, crossTable, defaultDisclosureRules, hierarchicalTable, protectLinkedTables, protectTable, type DisclosureRules, type LinearTable, type LinkedTable, type Protection } from './disclosure/index.ts';
