export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface CoreConfig {
  dataDir: string;
  logLevel: LogLevel;
  production: boolean;
}

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
  return { config: { dataDir, logLevel, production: env.NODE_ENV === 'production' }, problems };
}
