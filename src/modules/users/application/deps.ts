import type { AccessTokens } from '../../../platform/auth/access-tokens.js';
import type { AuditLog } from '../../../platform/audit/audit-log.js';
import type { Transaction } from '../../../platform/database/transaction.js';
import type { Clock } from '../../../platform/domain/clock.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import type { Mailer } from '../../../platform/mail/mailer.js';
import type { BruteForceGuard } from '../../../platform/security/brute-force.js';
import type {
  ActivationTokenRepository,
  ApiKeyRepository,
  CommonPasswords,
  GroupRepository,
  OperatorRepository,
  PasswordHasher,
  RecoveryCodeRepository,
  RecoveryCodes,
  SecretSealer,
  SecretTokens,
  SessionRepository,
  TenantDirectory,
  Totp,
  UserRepository,
} from '../ports.js';

/**
 * Everything this module's use cases stand on, bound once in module.ts. Each use case declares
 * the part it uses (Pick<UsersDeps, ...>), so its needs stay visible in its signature.
 */
export interface UsersDeps {
  transaction: Transaction;
  users: UserRepository;
  groups: GroupRepository;
  operators: OperatorRepository;
  activationTokens: ActivationTokenRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  recoveryCodes: RecoveryCodeRepository;
  hasher: PasswordHasher;
  secrets: SecretTokens;
  tenants: TenantDirectory;
  commonPasswords: CommonPasswords;
  totp: Totp;
  sealer: SecretSealer;
  recoveryCodeGenerator: RecoveryCodes;
  mailer: Mailer;
  clock: Clock;
  events: EventBus;
  audit: AuditLog;
  bruteForce: BruteForceGuard;
  accessTokens: AccessTokens;
  settings: { publicUrl: string; activationValidHours: number; totpIssuer: string };
}

/** Where a request came from, for audit entries and per-address rate limits. */
export interface Client {
  clientAddress: string | null;
  userAgent: string | null;
}

