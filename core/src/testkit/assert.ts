/** Minimal assertions, so contract suites run under any runner without importing one. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

export function same<T>(actual: T, expected: T, message: string): void {
  const a = stable(actual);
  const e = stable(expected);
  if (a !== e) throw new ContractViolation(`${message}\n  expected: ${e}\n  actual:   ${a}`);
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  ) ?? 'undefined';
