/**
 * Opening one case over 1,000,000 generated cases on PostgreSQL: GET /cases/:id as a signed-in
 * confidential counsellor whose key is unlocked for the session (need to know, the key unsealed, the
 * content decrypted, the read audited, the page rendered), over HTTP on loopback.
 */
import { demoReference } from '../src/cli/demo-cases.ts';
import { caseData, measure, signedInApp } from './case-data.ts';

const postgresCases = Number(process.env.BENCH_CASES ?? 1_000_000);

const data = await caseData('postgres', postgresCases);
const app = await signedInApp(data, 'case_handler(confidential_counsellor)');
try {
  await app.client.get('/cases/unlock');
  const unlocked = await app.client.post('/cases/unlock', { secret: app.password, next: '/cases' });
  if (unlocked.status !== 303) throw new Error(`unlock failed: ${unlocked.status}`);
  // Cases whose content was encrypted for them (the generator's sample), sealed to this counsellor, spread over the years.
  const references = Array.from({ length: 2000 }, (_, n) => demoReference(n + 1));
  const rows = await data.handle.execute(
    `select c.id from cases c join case_key_seals s on s.case_id = c.id and s.user_id = $1 where c.reference = any($2::text[]) order by c.received_on limit 40`,
    [app.userId, references],
  );
  if (rows.length === 0) throw new Error('no openable case sealed to the counsellor');
  console.log(`# case-open: ${rows.length} cases of ${postgresCases}, each opened by a counsellor holding its key`);
  const opens = rows.map((row) => async () => {
    const page = await app.client.get(`/cases/${String(row.id)}`);
    if (page.status !== 200) throw new Error(`GET /cases/${String(row.id)}: ${page.status} ${page.location ?? ''}`);
  });
  await measure('case-open', opens, 3);
} finally {
  await app.close();
}
