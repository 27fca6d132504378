/** Container keys of what the platform provides to every module. */
export const PLATFORM = {
  Config: Symbol.for('platform.Config'),
  Logger: Symbol.for('platform.Logger'),
  UnitOfWork: Symbol.for('platform.UnitOfWork'),
  Clock: Symbol.for('platform.Clock'),
  Mailer: Symbol.for('platform.Mailer'),
  EventBus: Symbol.for('platform.EventBus'),
  AccessTokens: Symbol.for('platform.AccessTokens'),
  Endpoints: Symbol.for('platform.Endpoints'),
  Passport: Symbol.for('platform.Passport'),
  AccessGate: Symbol.for('platform.AccessGate'),
  AuditLog: Symbol.for('platform.AuditLog'),
  BruteForceGuard: Symbol.for('platform.BruteForceGuard'),
  SecretBox: Symbol.for('platform.SecretBox'),
} as const;
