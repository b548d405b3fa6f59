import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createSealedKeyPair, unsealPrivateKey } from '../../src/platform/auth/keys.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { unusedTotp } from '../../src/platform/auth/totp.ts';
import { openDataKey, sealDataKey } from '../../src/platform/crypto/envelope.ts';
import { requestIdentityReveal } from '../../src/features/cases/commands/reveal-identity.ts';
import { submitReport } from '../../src/features/reporting/intake.ts';
import { reportingSecrets } from '../../src/features/case-record/service.ts';
import { handlerAccount, startWorld, type World } from '../reporting-world.ts';
import { describeInBrowser, expectNoAxeViolations, saveScreenshot, useBrowser } from './browser.ts';

describeInBrowser('redaction, the confidential identity and the export in a browser without JavaScript', () => {
  const browser = useBrowser();
  let world: World;
  let caseId: string;

  beforeAll(async () => {
    world = await startWorld();
    const db = world.database.db;
    ({ caseId } = await submitReport(db, await reportingSecrets(db), {
      kind: 'report',
      domain: 'integrity',
      theme: 'fraud',
      entityId: null,
      requesterRole: 'staff',
      identityChoice: 'confidential',
      wantsMeeting: false,
      contactPreference: 'email',
      answers: { description: 'Piet Peeters splits the tenders.', when: 'May', where: 'Procurement', involved: 'Piet Peeters', name: 'Anna Reporter', email: 'anna@example.be', phone: '' },
    }));
  });
  afterAll(() => world?.close());

  async function signIn(page: Page, email: string, password: string, unlock: boolean) {
    await page.goto('/sign-in?lang=en');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('form[action^="/sign-in"] button[type="submit"]').click();
    await page.locator('input[name="code"]').fill(await unusedTotp(handlerAccount.totp, `${new URL(page.url()).origin} ${email}`));
    await page.locator('form[action^="/sign-in"] button[type="submit"]').click();
    await expect.poll(() => page.url()).not.toContain('/sign-in');
    if (unlock) {
      await page.goto('/cases/unlock');
      await page.locator('input[name="secret"]').fill(password);
      await page.locator('form[action="/cases/unlock"] button[type="submit"]').click();
      await expect.poll(() => page.url()).not.toContain('/cases/unlock');
    }
  }

  /** A second handler sealed the case, and the custodian; Carla asks to reveal the identity to the second handler. */
  async function pendingRevealRequest(): Promise<{ email: string; password: string }> {
    const db = world.database.db;
    const people: Record<string, { id: string; password: string; publicKey: Uint8Array }> = {};
    for (const [name, fn] of [
      ['Bob Second', 'confidential_counsellor'],
      ['Cora Custodian', 'identity_custodian'],
    ] as const) {
      const password = `${name} has a long password`;
      const [row] = await world.database.execute(
        `insert into users (email, display_name, password_hash, totp_secret, totp_enabled_at) values ($1, $2, $3, $4, now()) returning id`,
        [`${name.split(' ')[0]!.toLowerCase()}@example.be`, name, await hashPassword(password), handlerAccount.totp],
      );
      const id = String(row!.id);
      await world.database.execute(`insert into user_roles (user_id, role, handler_function) values ($1, 'case_handler', $2)`, [id, fn]);
      const keys = await createSealedKeyPair(id, password);
      await world.database.execute(`insert into user_keys (user_id, public_key, sealed_private_key, nonce, kdf_salt, secret_kind) values ($1, $2, $3, $4, $5, 'password')`, [
        id,
        keys.publicKey,
        keys.sealedPrivateKey,
        keys.nonce,
        keys.kdfSalt,
      ]);
      people[fn] = { id, password, publicKey: keys.publicKey };
    }
    const [carla] = await world.database.execute('select k.* from user_keys k join users u on u.id = k.user_id where u.email = $1', [handlerAccount.email]);
    const carlaId = String(carla!.user_id);
    const privateKey = (await unsealPrivateKey(carlaId, { sealedPrivateKey: carla!.sealed_private_key, nonce: carla!.nonce, kdfSalt: carla!.kdf_salt, secretKind: 'password' } as never, handlerAccount.password))!;
    const publicKey = new Uint8Array(carla!.public_key as Uint8Array);
    const [seal] = await world.database.execute('select sealed_key from case_key_seals where case_id = $1 and user_id = $2', [caseId, carlaId]);
    const dataKey = openDataKey(new Uint8Array(seal!.sealed_key as Uint8Array), publicKey, privateKey)!;
    const bob = people.confidential_counsellor!;
    await world.database.execute('insert into case_key_seals (case_id, user_id, sealed_key) values ($1, $2, $3)', [caseId, bob.id, sealDataKey(dataKey, bob.publicKey)]);
    const asked = await requestIdentityReveal(db, { caseId, dataKey, keys: { userId: carlaId, publicKey, privateKey }, forUserId: bob.id, reason: 'Bob takes over the interviews' });
    if (!asked.ok) throw new Error(asked.reason);
    return { email: 'cora@example.be', password: people.identity_custodian!.password };
  }

  it('masks a passage, shows the identity and exports the case, each page accessible', async () => {
    const page = await browser.pageWithoutScript(world.baseUrl);
    await page.goto('/sign-in?lang=en');
    await page.locator('input[name="email"]').fill(handlerAccount.email);
    await page.locator('input[name="password"]').fill(handlerAccount.password);
    await page.locator('form[action^="/sign-in"] button[type="submit"]').click();
    await page.locator('input[name="code"]').fill(await unusedTotp(handlerAccount.totp, `${new URL(page.url()).origin} ${handlerAccount.email}`));
    await page.locator('form[action^="/sign-in"] button[type="submit"]').click();
    await expect.poll(() => page.url()).not.toContain('/sign-in');

    await page.goto(`/cases/${caseId}/redactions`);
    await expect.poll(() => page.url()).toContain('/cases/unlock');
    await page.locator('input[name="secret"]').fill(handlerAccount.password);
    await page.locator('form[action="/cases/unlock"] button[type="submit"]').click();
    await expect.poll(() => page.url()).toContain(`/cases/${caseId}/redactions`);
    await expectNoAxeViolations(page);

    // A passage that is not in the text: the error is beside the field, and the typed text is kept.
    await page.locator('select[name="target"]').selectOption('answers.description');
    await page.locator('textarea[name="passage"]').fill('Jan Janssens');
    await page.locator(`form[action="/cases/${caseId}/redactions"] button[type="submit"]`).click();
    await expect.poll(() => page.locator('#field-passage-error').count()).toBe(1);
    expect(await page.locator('textarea[name="passage"]').inputValue()).toBe('Jan Janssens');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'redaction-error');

    await page.locator('textarea[name="passage"]').fill('Piet Peeters');
    await page.locator(`form[action="/cases/${caseId}/redactions"] button[type="submit"]`).click();
    await expect.poll(() => page.url()).toContain('masked=1');
    expect(await page.content()).toContain('████████████ splits the tenders.');
    await expectNoAxeViolations(page);

    await page.goto(`/cases/${caseId}/identity`);
    expect(await page.content()).toContain('Anna Reporter');
    await expectNoAxeViolations(page);

    await page.goto(`/cases/${caseId}/export`);
    expect(await page.content()).toContain('Piet Peeters splits the tenders.');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'case-export');
  });

  it('gives the custodian, the administrator and the handler accessible pages for decisions, hand-over, retention and legal hold', async () => {
    const custodian = await pendingRevealRequest();
    const page = await browser.pageWithoutScript(world.baseUrl);
    await signIn(page, custodian.email, custodian.password, true);
    await page.goto('/cases/custodian');
    expect(await page.content()).toContain('Bob takes over the interviews');
    await expectNoAxeViolations(page);
    await page.locator('button[name="decision"][value="approve"]').click();
    await expect.poll(() => page.url()).toContain('notice=approved');
    await expectNoAxeViolations(page);

    await world.database.execute(`update users set totp_secret = $1, totp_enabled_at = now() where email = 'admin@example.be'`, [handlerAccount.totp]);
    const admin = await browser.pageWithoutScript(world.baseUrl);
    await signIn(admin, 'admin@example.be', 'an admin password', false);
    await admin.goto('/cases/reassign');
    await expectNoAxeViolations(admin);
    await admin.locator('form[action="/cases/reassign"] button[type="submit"]').click();
    await expect.poll(() => admin.locator('#field-from-error').count()).toBe(1);
    await expectNoAxeViolations(admin);
    await admin.goto('/cases/retention');
    await expectNoAxeViolations(admin);
    await admin.locator('input[name="psychosocial"]').fill('5');
    await admin.locator('form[action="/cases/retention"] button[type="submit"]').click();
    await expect.poll(() => admin.locator('#field-psychosocial-error').count()).toBe(1);
    expect(await admin.locator('input[name="psychosocial"]').inputValue()).toBe('5');
    await expectNoAxeViolations(admin);
    await saveScreenshot(admin, 'retention-error');

    const handler = await browser.pageWithoutScript(world.baseUrl);
    await signIn(handler, 'bob@example.be', 'Bob Second has a long password', true);
    await handler.goto(`/cases/${caseId}/legal-hold`);
    await expectNoAxeViolations(handler);
    await handler.locator('textarea[name="reason"]').fill('Court order 2026/17');
    await handler.locator(`form[action="/cases/${caseId}/legal-hold"] button[type="submit"]`).click();
    await expect.poll(() => handler.url()).toContain('notice=saved');
    await expectNoAxeViolations(handler);
  });
});
