/** The report form's validation: one zod schema built from the taxonomy and entity list, with translated errors. */
import { z } from 'zod';
import { checkContactDetails, reportFields, type Taxonomy } from '../case-record/service.ts';

export function reportSchema(taxonomy: Taxonomy, entityIds: Set<string>) {
  return z
    .object(reportFields(taxonomy, entityIds))
    .superRefine((form, issues) => checkContactDetails(form, issues, { name: 'intake.nameRequired', email: 'intake.emailRequired', phone: 'intake.phoneRequired' }));
}
