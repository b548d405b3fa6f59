/**
 * No answer carrying case content, reporter content or personal data may stay in a browser's cache: every
 * GET route of the app is visited — anonymously, as a handler with their key unlocked, and as a reporter
 * signed in with their receipt code — and must answer `Cache-Control: no-store`, except the public
 * stylesheets and published figures, which say themselves how long they may be kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets } from '../../src/features/case-record/service.ts';
import { signInCasePerson } from '../case-people.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import { Client } from '../server.ts';

/** Public content, the same for everyone: these routes set a Cache-Control of their own. */
function isPublicAsset(path: string): boolean {
  return path.startsWith('/assets/') || path === '/figures' || path.startsWith('/figures/') || path === '/cases/export.css';
}

function formToken(html: string): string {
  const match = /name="formToken" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token');
  return match[1];
}

describe('caching of answers', () => {
  let world: World;
  let handler: Client;
  let reporter: Client;
  let caseId: string;
  let fileId: string;

  beforeAll(async () => {
    world = await startWorld();
    const submitted = await submitReport(world.database.db, await reportingSecrets(world.database.db), {
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      entityId: null,
      requesterRole: 'staff',
      identityChoice: 'named',
      wantsMeeting: false,
      contactPreference: 'site_only',
      answers: { description: 'Marker-Cache-5512', when: '', where: '', involved: '', name: 'Rita Reporter', email: '', phone: '' },
    });
    caseId = submitted.caseId;
    handler = await signInCasePerson(world.baseUrl, handlerAccount);
    await handler.get(`/cases/${caseId}`);
    const sent = await handler.postMultipart(`/cases/${caseId}/messages`, { message_body: 'Zie bijlage' }, [
      { field: 'files', name: 'vragen.txt', type: 'text/plain', content: Buffer.from('Welke facturen bedoelt u?') },
    ]);
    expect(sent.status).toBe(303);
    const page = await handler.get(`/cases/${caseId}`);
    fileId = new RegExp(`href="/cases/${caseId}/files/([0-9a-f-]{36})"`).exec(page.html)![1]!;

    reporter = new Client(world.baseUrl);
    await reporter.get('/report/follow-up');
    const signedIn = await reporter.post('/report/follow-up', { formToken: formToken(reporter.lastHtml), receiptCode: submitted.receiptCode }, { csrf: null });
    expect(signedIn.status).toBe(303);
  });
  afterAll(() => world.close());

  it('sends no-store with a case attachment', async () => {
    const download = await handler.get(`/cases/${caseId}/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.html).toBe('Welke facturen bedoelt u?');
    expect(download.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no-store with the reporter’s own download of the same file', async () => {
    const download = await reporter.get(`/report/inbox/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('cache-control')).toBe('no-store');
  });

  it('sends no-store on every page of the app for every kind of visitor, and lets only public assets be kept', async () => {
    const fill = (route: string) =>
      route
        .replace(':caseId', caseId)
        .replace(':fileId', fileId)
        .replace(/:[A-Za-z]*[Ii]d\b/g, caseId)
        .replace(/:[A-Za-z]+/g, 'x')
        .replace('*', 'app.css');
    const paths = [...new Set(world.routes.map(fill))];
    // Sanity: the enumeration sees the back office, the reporting point and the attachment route.
    expect(paths).toContain(`/cases/${caseId}/files/${fileId}`);
    expect(paths).toContain('/report/inbox');
    expect(paths.length).toBeGreaterThan(40);

    const missing: string[] = [];
    const visitors: [string, Client][] = [
      ['anonymous', new Client(world.baseUrl)],
      ['handler', handler],
      ['reporter', reporter],
    ];
    let answered200 = 0;
    for (const path of paths) {
      for (const [who, client] of visitors) {
        if (who === 'reporter' && !path.startsWith('/report')) continue;
        const page = await client.get(path);
        if (page.status === 200) answered200 += 1;
        const cacheControl = page.headers.get('cache-control');
        if (isPublicAsset(path)) {
          if (page.status === 200 && !cacheControl) missing.push(`${who} ${path} ${page.status}: public but no Cache-Control`);
        } else if (cacheControl !== 'no-store') missing.push(`${who} ${path} ${page.status}: ${cacheControl ?? 'none'}`);
      }
    }
    expect(missing).toEqual([]);
    // The handler and the reporter really reached their pages (not only redirects to sign-in).
    expect(answered200).toBeGreaterThan(20);
    // Still signed in after the tour.
    expect((await handler.get(`/cases/${caseId}`)).status).toBe(200);
    expect((await reporter.get('/report/inbox')).status).toBe(200);
  });

  it('lets the stylesheets be cached', async () => {
    const css = await new Client(world.baseUrl).get('/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toContain('max-age=3600');
  });
});
