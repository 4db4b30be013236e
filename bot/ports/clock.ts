export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A fresh unique id (uuid v4 in production). */
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };
