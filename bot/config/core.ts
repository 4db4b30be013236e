export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface CoreConfig {
  dataDir: string;
  logLevel: LogLevel;
  production: boolean;
  /**
   * LEASE_TTL_SECONDS: how long a replica's lease on background work (a restore it polls) lasts
   * unless renewed; after a replica dies, another continues its work within about this long.
   */
  leaseTtlMs: number;
}

export const DEFAULT_LEASE_TTL_SECONDS = 60;

/** Settings every entry point needs; problems name the variable and what it expects. */
export function parseCoreConfig(env: Record<string, string | undefined>): {
  config: CoreConfig;
  problems: string[];
} {
  const problems: string[] = [];
  const dataDir = env.DATA_DIR?.trim() || './data';
  const rawLevel = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  const logLevel = (logLevels as readonly string[]).includes(rawLevel) ? (rawLevel as LogLevel) : 'info';
  if (logLevel !== rawLevel) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  const rawTtl = env.LEASE_TTL_SECONDS?.trim() || String(DEFAULT_LEASE_TTL_SECONDS);
  const ttlSeconds = /^\d{1,4}$/.test(rawTtl) ? Number(rawTtl) : Number.NaN;
  if (!(ttlSeconds >= 2 && ttlSeconds <= 3600)) {
    problems.push('LEASE_TTL_SECONDS must be a whole number of seconds from 2 to 3600');
  }
  const leaseTtlMs = (Number.isNaN(ttlSeconds) ? DEFAULT_LEASE_TTL_SECONDS : ttlSeconds) * 1000;
  return {
    config: { dataDir, logLevel, production: env.NODE_ENV === 'production', leaseTtlMs },
    problems,
  };
}
