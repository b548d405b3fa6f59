/**
 * The disclosure rules in one place: which counts are sensitive (primary suppression) and how wide the range of
 * values an outsider can still deduce for a suppressed sensitive cell must be before the table may leave.
 */

export interface DisclosureRules {
  /** Counts from 1 to `threshold − 1` are sensitive and never published. Default 5. */
  threshold: number;
  /**
   * For a suppressed sensitive cell with true value a, everything published must leave possible a value of at
   * least a + protectionLevel, and a value of at most max(0, a − protectionLevel): an outsider can neither rule
   * out a few more cases nor a few fewer (nor none at all, for a ≤ protectionLevel). Default 3.
   */
  protectionLevel: number;
}

export const defaultDisclosureRules: DisclosureRules = { threshold: 5, protectionLevel: 3 };

/** Rules are configuration; nonsense values are a programming or configuration error. */
export function checkRules(rules: DisclosureRules): void {
  if (!Number.isSafeInteger(rules.threshold) || rules.threshold < 1) {
    throw new Error(`Disclosure control: the threshold must be a whole number of at least 1 (got ${rules.threshold}).`);
  }
  if (!Number.isSafeInteger(rules.protectionLevel) || rules.protectionLevel < 1) {
    throw new Error(`Disclosure control: the protection level must be a whole number of at least 1 (got ${rules.protectionLevel}).`);
  }
}

/** Primary suppression: a count of 1 to threshold − 1. Zeros are not sensitive (no person is behind them). */
export function isSensitive(value: number, rules: DisclosureRules): boolean {
  return value > 0 && value < rules.threshold;
}

/** The value an outsider must be unable to rule out above, and the one below, a sensitive cell's true value. */
export function protectionRange(value: number, rules: DisclosureRules): { atLeast: number; atMost: number } {
  return { atLeast: value + rules.protectionLevel, atMost: Math.max(0, value - rules.protectionLevel) };
}

/** Whether the interval [lower, upper] of values consistent with everything published protects a sensitive cell. */
export function isProtected(value: number, lower: number, upper: number, rules: DisclosureRules): boolean {
  const range = protectionRange(value, rules);
  return upper >= range.atLeast && lower <= range.atMost;
}
