// The environment variables the command line reads, with a sentence each for the help texts.
// The server's own variables are checked in src/web/server/config.ts.

export const ENV = {
  CREDENCE_MODELS: 'The folder of model files (default: ./models).',
  CREDENCE_DB:
    "The track record: a SQLite file or a postgres:// URL. Only 'serve' creates one by default (./data/credence.db); other commands read ./data/credence.db when it exists and never create it.",
  PORT: 'The port to listen on (default: 3000; 0 picks a free one).',
  HOST: 'The address to listen on (default: 127.0.0.1; 0.0.0.0 serves other machines).',
  TRUST_PROXY: "Express's 'trust proxy' behind a reverse proxy: true, a number of proxies, or addresses/subnets.",
  LOG_LEVEL: 'The access log level: fatal, error, warn, info (default), debug, trace or silent.',
} as const;

export type EnvName = keyof typeof ENV;

/** What every command that reads model files reads. */
export const MODEL_ENV: EnvName[] = ['CREDENCE_MODELS', 'CREDENCE_DB'];
