import { fieldOccurrence, problemTable } from '../../../platform/domain/errors.js';

const errors = problemTable({
  'INCIDENT.INVALID': { kind: 'invalid', title: 'Invalid incident data', description: 'A field is missing or not allowed by the organisation’s incident set-up (types, roles, locations, classifications, labels); errors[] names the field and lists what is allowed.' },
  'INCIDENT.CLOSED': { kind: 'conflict', title: 'Incident closed', description: 'The incident is closed: its log and actions are frozen. An admin can reopen it.' },
  'INCIDENT.STATUS_CONFLICT': { kind: 'conflict', title: 'Not possible in this status', description: 'The status of the incident or action does not allow this; detail says why.' },
  'INCIDENT.ACTIVATION_NOT_ALLOWED': { kind: 'forbidden', title: 'Activation not allowed', description: 'The organisation lets only admins and coordinators activate incidents.' },
  'INCIDENT.PICTURE_STALE': { kind: 'conflict', title: 'Situation picture changed meanwhile', description: 'Another version of the situation picture was saved after the one this change is based on (basedOnVersion): read the current version and save again.' },
  'INCIDENT.TEMPLATE_KEY_TAKEN': { kind: 'conflict', title: 'Template key in use', description: 'Another incident template of the organisation has this key; keys identify templates in tenant files.' },
  'INCIDENT.NOT_LINKED': { kind: 'forbidden', title: 'Not linked to this incident', description: 'Only people linked to the incident (in person or through a team) can post to it or work on its actions.' },
});

/** GET /problems/<slug> describes these to client developers. */
export const incidentProblems = errors.problems;

export class InvalidIncidentInput extends errors.of('INCIDENT.INVALID', fieldOccurrence) {}

export class IncidentClosed extends errors.of('INCIDENT.CLOSED', () => 'This incident is closed: its log and actions are frozen. An admin can reopen it.') {}

export class IncidentStatusConflict extends errors.of('INCIDENT.STATUS_CONFLICT', (detail: string) => detail) {}

export class ActivationNotAllowed extends errors.of('INCIDENT.ACTIVATION_NOT_ALLOWED', () => 'Your organisation lets only admins and coordinators activate incidents.') {}

export class NotLinked extends errors.of('INCIDENT.NOT_LINKED', () => 'Only people linked to this incident can post to it or work on its actions.') {}

export class TemplateKeyTaken extends errors.of('INCIDENT.TEMPLATE_KEY_TAKEN', (key: string) => `Another incident template of this organisation has the key '${key}'.`) {}

export class PictureVersionStale extends errors.of('INCIDENT.PICTURE_STALE', (current: number) => `Version ${current} was saved after the one this change is based on: read it and save again.`) {}
