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
  TenantAccessGate: Symbol.for('platform.TenantAccessGate'),
} as const;
