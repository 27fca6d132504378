import { DomainError, type ProblemTypes } from '../../../platform/domain/errors.js';

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

/** GET /problems/<slug> describes these to client developers. */
export const incidentProblems: ProblemTypes = {
  'INCIDENT.INVALID': { kind: 'invalid', title: 'Invalid incident data', description: 'A field is missing or not allowed by the organisation’s incident set-up (types, roles, locations, classifications, labels); errors[] names the field and lists what is allowed.' },
  'INCIDENT.CLOSED': { kind: 'conflict', title: 'Incident closed', description: 'The incident is closed: its log and actions are frozen. An admin can reopen it.' },
  'INCIDENT.STATUS_CONFLICT': { kind: 'conflict', title: 'Not possible in this status', description: 'The status of the incident or action does not allow this; detail says why.' },
  'INCIDENT.ACTIVATION_NOT_ALLOWED': { kind: 'forbidden', title: 'Activation not allowed', description: 'The organisation lets only admins and coordinators activate incidents.' },
  'INCIDENT.NOT_LINKED': { kind: 'forbidden', title: 'Not linked to this incident', description: 'Only people linked to the incident (in person or through a team) can post to it or work on its actions.' },
};
