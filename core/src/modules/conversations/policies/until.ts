import { conflict, invalid, type Conflict, type ValidationFailed } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';

/**
 * An optional end time (`until` of a ban or restriction): absent or null is "until lifted"; otherwise an
 * ISO 8601 time (or a Date) after `now`. A time already past is a well-formed request the clock refuses:
 * 409 `until_in_past`, not 422.
 */
export function laterDate(value: unknown, field: string, now: Date): Result<Date | null, ValidationFailed | Conflict> {
  if (value === undefined || value === null) return ok(null);
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return err(invalid(field, 'must be an ISO 8601 date-time'));
  if (date.getTime() <= now.getTime()) return err(conflict('until_in_past', `${field} must be in the future`));
  return ok(date);
}
