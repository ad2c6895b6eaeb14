// The track record's tables as Kysely sees them: the same columns in SQLite and PostgreSQL
// (migrations.ts creates them), so every query is written once for both.

import type { Generated } from 'kysely';
import type { ResolutionOutcome } from './requests.ts';
import type { Via } from './history.ts';

export interface ResolutionEventsTable {
  id: Generated<number>;
  prediction_id: string;
  version: number;
  outcome: ResolutionOutcome;
  note: string;
  evidence_url: string | null;
  actor: string;
  via: Via;
  /** ISO 8601 UTC. */
  created_at: string;
}

export interface ForecastsTable {
  id: Generated<number>;
  prediction_id: string;
  forecaster: string;
  credence: number;
  prediction_version: number;
  note: string | null;
  via: Via;
  created_at: string;
}

export interface TokensTable {
  id: Generated<number>;
  name: string;
  role: 'resolver' | 'forecaster';
  hash: Buffer;
  created_at: string;
  revoked_at: string | null;
  /** The token's id part (crd_<id>_<secret>); null for tokens made before ids. */
  public_id: Generated<string | null>;
}

export interface SessionsTable {
  hash: Buffer;
  token_id: number;
  created_at: string;
  expires_at: string;
}

export interface SecretsTable {
  name: string;
  value: Buffer;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  /** When the window ends, in milliseconds since 1970. */
  reset_at: number;
}

export interface IdempotencyKeysTable {
  /** Who sent the key (keys are per identity). */
  owner: string;
  key: string;
  /** SHA-256 (hex) of the request's method, path and body. */
  fingerprint: string;
  /** The first answer's status; null while it is being answered. */
  status: number | null;
  /** The first answer's JSON body. */
  answer: string | null;
  /** When the key was first used, in milliseconds since 1970. */
  created_at: number;
}

export interface SchemaMigrationsTable {
  version: number;
  description: string;
  applied_at: string;
}

export interface Tables {
  resolution_events: ResolutionEventsTable;
  forecasts: ForecastsTable;
  tokens: TokensTable;
  sessions: SessionsTable;
  secrets: SecretsTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
  schema_migrations: SchemaMigrationsTable;
}
