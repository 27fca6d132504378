import { DomainError, type ProblemTypes } from '../../../platform/domain/errors.js';

export class InvalidMessage extends DomainError {
  readonly code = 'MESSAGE.INVALID';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(field: string, problem: string) {
    super('Invalid message', `${field} ${problem}.`);
    this.fields = [{ pointer: `/${field}`, detail: problem }];
  }
}

export class NoRecipients extends DomainError {
  readonly code = 'MESSAGE.NO_RECIPIENTS';
  readonly kind = 'invalid' as const;
  constructor() {
    super('No recipients', 'The audience reaches no active user (invited users who have not activated their account are not recipients): choose users, groups with active members, or everyone.');
  }
}

export class UnknownAudience extends DomainError {
  readonly code = 'MESSAGE.UNKNOWN_AUDIENCE';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(missing: Array<{ pointer: string; id: string }>) {
    super('Unknown recipients', `${missing.length} of the chosen groups or users do not exist in your organisation.`);
    this.fields = missing.map((m) => ({ pointer: m.pointer, detail: `no such group or user: ${m.id}` }));
  }
}

export class MessageAlreadySent extends DomainError {
  readonly code = 'MESSAGE.ALREADY_SENT';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Message already sent', 'Only a scheduled message that has not gone out yet can be cancelled.');
  }
}

export class NotACallUp extends DomainError {
  readonly code = 'MESSAGE.NOT_A_CALL_UP';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Not a call-up', 'This message has no answer options; only a call-up can be answered.');
  }
}

export class CallUpClosed extends DomainError {
  readonly code = 'MESSAGE.CALL_UP_CLOSED';
  readonly kind = 'conflict' as const;
  constructor() {
    super('Call-up closed', 'This call-up is closed; answers can no longer be given or changed.');
  }
}

export class UnknownAnswer extends DomainError {
  readonly code = 'MESSAGE.UNKNOWN_ANSWER';
  readonly kind = 'invalid' as const;
  override readonly fields = [{ pointer: '/option', detail: 'is not one of the call-up’s answer options' }];
  constructor(options: readonly string[]) {
    super('Unknown answer', `Answer with one of: ${options.join(', ')}.`);
  }
}

export class AppUpdateRequired extends DomainError {
  readonly code = 'APP.UPDATE_REQUIRED';
  readonly kind = 'upgrade_required' as const;
  constructor(platform: string, version: string, minimum: string) {
    super('Update your app', `Your app (${platform} ${version}) is older than your organisation allows, and older versions may miss push messages and call-ups. ${howToUpdate(platform, minimum)}`);
  }
}

export class InvalidDevice extends DomainError {
  readonly code = 'DEVICE.INVALID';
  readonly kind = 'invalid' as const;
  override readonly fields: ReadonlyArray<{ pointer: string; detail: string }>;
  constructor(field: string, problem: string) {
    super('Invalid device', `${field} ${problem}.`);
    this.fields = [{ pointer: `/${field}`, detail: problem }];
  }
}

/** What to do, per platform, as the customer's own "update your app" advice puts it. */
function howToUpdate(platform: string, minimum: string): string {
  switch (platform) {
    case 'ios':
      return `Update the app to version ${minimum} or newer in the App Store. If the App Store offers no update, update iOS first (Settings > General > Software Update). Tip: turn on automatic app updates (Settings > App Store > App Updates).`;
    case 'android':
      return `Update the app to version ${minimum} or newer in Google Play. If Google Play offers no update, update Android first (Settings > System > System update). Tip: turn on auto-update for the app in Google Play.`;
    default:
      return `Reload the web app to get version ${minimum} or newer.`;
  }
}

/** GET /problems/<slug> describes these to client developers. */
export const messagingProblems: ProblemTypes = {
  'MESSAGE.INVALID': { kind: 'invalid', title: 'Invalid message', description: 'A field of the message is missing or not acceptable; errors[] names each field.' },
  'MESSAGE.NO_RECIPIENTS': { kind: 'invalid', title: 'No recipients', description: 'The audience reaches no active user: choose users, groups with members, or everyone.' },
  'MESSAGE.UNKNOWN_AUDIENCE': { kind: 'invalid', title: 'Unknown recipients', description: 'Some of the chosen groups or users do not exist in the organisation; errors[] names them.' },
  'MESSAGE.ALREADY_SENT': { kind: 'conflict', title: 'Message already sent', description: 'Only a scheduled message that has not gone out yet can be cancelled.' },
  'MESSAGE.NOT_A_CALL_UP': { kind: 'conflict', title: 'Not a call-up', description: 'The message has no answer options; only a call-up can be answered.' },
  'MESSAGE.CALL_UP_CLOSED': { kind: 'conflict', title: 'Call-up closed', description: 'The call-up is closed; answers can no longer be given or changed.' },
  'MESSAGE.UNKNOWN_ANSWER': { kind: 'invalid', title: 'Unknown answer', description: 'The answer is not one of the call-up’s answer options; detail lists them.' },
  'APP.UPDATE_REQUIRED': { kind: 'upgrade_required', title: 'Update your app', description: 'The app is older than the lowest version the organisation accepts; detail says how to update.' },
  'DEVICE.INVALID': { kind: 'invalid', title: 'Invalid device', description: 'A field of the push device is missing or not acceptable; errors[] names each field.' },
};
