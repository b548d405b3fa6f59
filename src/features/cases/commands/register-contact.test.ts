import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../platform/time/calendar.ts';
import { defaultTaxonomy } from '../../case-record/service.ts';
import { checkReceivedOn, registrationSchema, toRegistrationInput } from './register-contact.ts';

const today = isoDate('2026-11-23');
const entity = '11111111-1111-4111-8111-111111111111';
const schema = registrationSchema(defaultTaxonomy, new Set([entity]), today);

const valid = {
  channel: 'phone',
  receivedOn: '2026-11-20',
  kind: 'report',
  theme: 'fraud',
  entityId: entity,
  requesterRole: 'staff',
  identityChoice: 'anonymous',
  contactPreference: 'site_only',
  giveReceipt: 'yes',
  description: 'The director pays invoices to his brother-in-law.',
};

/** The field each error lands on, with its message key (the first, as the form shows it), or {} when the form is accepted. */
function errorsOf(changes: Record<string, string | undefined>): Record<string, string> {
  const result = schema.safeParse({ ...valid, ...changes });
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

describe('the day a contact was received', () => {
  it.each([
    ['today', '2026-11-23', undefined],
    ['yesterday', '2026-11-22', undefined],
    ['tomorrow', '2026-11-24', 'received_in_future'],
    ['next year', '2027-01-05', 'received_in_future'],
    ['almost five years ago', '2021-12-01', undefined],
    ['more than five years ago', '2020-11-01', 'received_too_long_ago'],
  ])('%s (%s) gives %s', (_name, day, expected) => {
    expect(checkReceivedOn(isoDate(day), today)).toBe(expected);
  });
});

describe('the registration form', () => {
  it.each<[string, Record<string, string | undefined>, Record<string, string>]>([
    ['a valid phone call', {}, {}],
    ['an e-mail from a named person who wants an answer by e-mail', { channel: 'email', identityChoice: 'named', name: 'An Peeters', email: 'an@example.be', contactPreference: 'email', giveReceipt: undefined }, {}],
    ['a future day', { receivedOn: '2026-11-24' }, { receivedOn: 'register.dateInFuture' }],
    ['a day in another format', { receivedOn: '23/11/2026' }, { receivedOn: 'register.dateMalformed' }],
    ['a day that does not exist', { receivedOn: '2026-02-30' }, { receivedOn: 'register.dateMalformed' }],
    ['no day', { receivedOn: '' }, { receivedOn: 'form.required' }],
    ['a mistyped year', { receivedOn: '1926-11-20' }, { receivedOn: 'register.dateTooOld' }],
    ['the web channel', { channel: 'web' }, { channel: 'form.invalidChoice' }],
    ['no channel', { channel: undefined }, { channel: 'form.invalidChoice' }],
    ['no description', { description: '   ' }, { description: 'form.required' }],
    ['a huge description', { description: 'x'.repeat(20_001) }, { description: 'form.tooLong' }],
    ['a theme not in the taxonomy', { theme: 'gossip' }, { theme: 'form.invalidChoice' }],
    ['an unknown entity', { entityId: '22222222-2222-4222-8222-222222222222' }, { entityId: 'form.invalidChoice' }],
    ['a named person without a name', { identityChoice: 'named', contactPreference: 'phone', phone: '0470 00 00 00' }, { name: 'register.nameRequired' }],
    ['an answer by phone without a number', { identityChoice: 'confidential', contactPreference: 'phone' }, { phone: 'register.phoneRequired' }],
    ['an answer on the site without a receipt code', { identityChoice: 'confidential', giveReceipt: undefined }, { contactPreference: 'register.siteNeedsReceipt' }],
  ])('%s', (_name, changes, expected) => {
    expect(errorsOf(changes)).toEqual(expected);
  });

  it('drops an anonymous person’s contact details, whatever was typed', () => {
    const parsed = schema.parse({ ...valid, name: 'Typed anyway', phone: '0470', alsoRoute: 'yes' });
    const input = toRegistrationInput(parsed, defaultTaxonomy);
    expect(input.answers).toMatchObject({ name: '', email: '', phone: '' });
    expect(input).toMatchObject({ channel: 'phone', domain: 'integrity', receivedOn: '2026-11-20', alsoRoute: true, giveReceipt: true, contactPreference: 'site_only' });
  });
});
