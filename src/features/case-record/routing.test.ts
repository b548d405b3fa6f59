import { describe, expect, it } from 'vitest';
import { routeReport, type RoutingRule } from './routing.ts';

const rules: RoutingRule[] = [
  { theme: null, entityId: null, handlerIds: ['default'] },
  { theme: 'bullying', entityId: null, handlerIds: ['prevention-advisor'] },
  { theme: null, entityId: 'finance', handlerIds: ['finance-counsellor'] },
  { theme: null, entityId: 'tax-agency', handlerIds: ['tax-counsellor'] },
  { theme: 'fraud', entityId: 'finance', handlerIds: ['finance-auditor'] },
];

describe('routeReport', () => {
  it.each([
    ['fraud', ['tax-agency', 'finance', 'government'], 'finance-auditor', 'theme and an ancestor entity beat entity alone'],
    ['bullying', ['tax-agency', 'finance', 'government'], 'prevention-advisor', 'theme alone beats entity alone'],
    ['corruption', ['tax-agency', 'finance', 'government'], 'tax-counsellor', 'the nearest entity wins'],
    ['corruption', ['finance', 'government'], 'finance-counsellor', 'an entity rule covers the entity itself'],
    ['corruption', ['environment', 'government'], 'default', 'the default group catches the rest'],
    ['fraud', [], 'default', 'no entity given'],
  ])('routes %s at %j to %s (%s)', (theme, path, expected) => {
    expect(routeReport(rules, theme, path)?.handlerIds).toEqual([expected]);
  });

  it('finds nothing without a default group', () => {
    expect(routeReport(rules.slice(1), 'corruption', ['environment'])).toBeUndefined();
  });
});
