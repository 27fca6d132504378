import { DomainError } from '../../../platform/domain/errors.js';

export class InvalidIncidentInput extends DomainError {
  readonly code = 'INCIDENT.INVALID';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(field: string, problem: string) {
    super('Invalid incident data', `${field} ${problem}.`);
    this.fields = [{ pointer: `/${field}`, detail: problem }];
  }
}

export class IncidentClosed extends DomainError {
  readonly code = 'INCIDENT.CLOSED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Incident closed', 'This incident is closed: its log and actions are frozen. An admin can reopen it.');
  }
}

export class IncidentStatusConflict extends DomainError {
  readonly code = 'INCIDENT.STATUS_CONFLICT';
  readonly kind = 'conflict' as const;
  constructor(detail: string) {
    super('Not possible in this status', detail);
  }
}

export class ActivationNotAllowed extends DomainError {
  readonly code = 'INCIDENT.ACTIVATION_NOT_ALLOWED';
  readonly kind = 'forbidden' as const;
  constructor() {
    super('Activation not allowed', 'Your organisation lets only admins and coordinators activate incidents.');
  }
}

export class NotLinked extends DomainError {
  readonly code = 'INCIDENT.NOT_LINKED';
  readonly kind = 'forbidden' as const;
  constructor() {
    super('Not linked to this incident', 'Only people linked to this incident can post to it or work on its actions.');
  }
}
