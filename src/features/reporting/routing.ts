/**
 * Routing: which handlers a report goes to, from the administrator's table of (theme, entity) rules.
 * The most specific rule wins: theme and entity, then theme alone, then entity alone, then the default
 * group. An entity rule also covers the entities below it; the nearest one counts.
 */

export interface RoutingRule {
  theme: string | null;
  entityId: string | null;
  handlerIds: string[];
}

/**
 * @param entityPath the reported entity first, then its parent, up to the root (empty when none was chosen)
 */
export function routeReport(rules: RoutingRule[], theme: string, entityPath: string[]): RoutingRule | undefined {
  const depth = (rule: RoutingRule) => (rule.entityId === null ? Infinity : entityPath.indexOf(rule.entityId));
  const candidates = rules.filter((rule) => (rule.theme === null || rule.theme === theme) && (rule.entityId === null || depth(rule) >= 0));
  const rank = (rule: RoutingRule) => [rule.theme !== null && rule.entityId !== null ? 0 : rule.theme !== null ? 1 : rule.entityId !== null ? 2 : 3, depth(rule)] as const;
  return candidates.sort((a, b) => {
    const [ra, da] = rank(a);
    const [rb, db] = rank(b);
    return ra - rb || da - db;
  })[0];
}
