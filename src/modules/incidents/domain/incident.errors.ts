import { fieldOccurrence, problem } from '../../../platform/domain/errors.js';

export class InvalidIncidentInput extends problem({ code: 'INCIDENT.INVALID', kind: 'invalid', title: 'Invalid incident data', description: 'A field is missing or not allowed by the organisation’s incident set-up (types, roles, locations, classifications, labels); errors[] names the field and lists what is allowed.' }, fieldOccurrence) {}

export class IncidentClosed extends problem({ code: 'INCIDENT.CLOSED', kind: 'conflict', title: 'Incident closed', description: 'The incident is closed: its log and actions are frozen. An admin can reopen it.' }, () => 'This incident is closed: its log and actions are frozen. An admin can reopen it.') {}

export class IncidentStatusConflict extends problem({ code: 'INCIDENT.STATUS_CONFLICT', kind: 'conflict', title: 'Not possible in this status', description: 'The status of the incident or action does not allow this; detail says why.' }, (detail: string) => detail) {}

export class ActivationNotAllowed extends problem({ code: 'INCIDENT.ACTIVATION_NOT_ALLOWED', kind: 'forbidden', title: 'Activation not allowed', description: 'The organisation lets only admins and coordinators activate incidents.' }, () => 'Your organisation lets only admins and coordinators activate incidents.') {}

export class NotLinked extends problem({ code: 'INCIDENT.NOT_LINKED', kind: 'forbidden', title: 'Not linked to this incident', description: 'Only people linked to the incident (in person or through a team) can post to it or work on its actions.' }, () => 'Only people linked to this incident can post to it or work on its actions.') {}

export class TemplateKeyTaken extends problem({ code: 'INCIDENT.TEMPLATE_KEY_TAKEN', kind: 'conflict', title: 'Template key in use', description: 'Another incident template of the organisation has this key; keys identify templates in tenant files.' }, (key: string) => `Another incident template of this organisation has the key '${key}'.`) {}

export class PictureVersionStale extends problem({ code: 'INCIDENT.PICTURE_STALE', kind: 'conflict', title: 'Situation picture changed meanwhile', description: 'Another version of the situation picture was saved after the one this change is based on (basedOnVersion): read the current version and save again.' }, (current: number) => `Version ${current} was saved after the one this change is based on: read it and save again.`) {}
