/** The zod schemas of the risk analysis forms and path parameters. */
import { z } from 'zod';
import { message } from '../../../platform/http/forms.ts';
import { id } from '../../../platform/http/route-schemas.ts';

export const analysisParam = z.object({ id });
export const processParam = z.object({ id, processId: id });

export const startForm = z.object({
  entityId: z.uuid(message('form.invalidChoice')),
  title: z.string().trim().min(1).max(200),
});

export const processForm = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).optional().default(''),
});

export const modelForm = z.object({
  source: z.string().trim().min(1).max(500_000),
});
