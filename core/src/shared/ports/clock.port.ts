export const Clock = Symbol.for('Clock');

export interface Clock {
  /** The current time. */
  now(): Date;
}
