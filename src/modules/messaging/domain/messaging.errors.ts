import { fieldOccurrence, problem } from '../../../platform/domain/errors.js';

export class InvalidMessage extends problem({ code: 'MESSAGE.INVALID', kind: 'invalid', title: 'Invalid message', description: 'A field of the message is missing or not acceptable; errors[] names each field.' }, fieldOccurrence) {}

export class NoRecipients extends problem({ code: 'MESSAGE.NO_RECIPIENTS', kind: 'invalid', title: 'No recipients', description: 'The audience reaches no active user: choose users, groups with members, or everyone.' }, () => 'The audience reaches no active user (invited users who have not activated their account are not recipients): choose users, groups with active members, or everyone.') {}

export class GoalBeyondAudience extends problem({ code: 'MESSAGE.GOAL_BEYOND_AUDIENCE', kind: 'invalid', title: 'Goal larger than the audience', description: 'The call-up asks for more answers than all its waves together reach people; errors[] points at goal.count.' }, (count: number, people: number) => ({
  detail: `The call-up asks for ${count} answers, but its waves together reach ${people} people.`,
  fields: [{ pointer: '/goal/count', detail: `at most ${people}: the people all waves reach` }],
})) {}

export class EmptyWave extends problem({ code: 'MESSAGE.EMPTY_WAVE', kind: 'invalid', title: 'Wave without people', description: 'A follow-up wave of the call-up reaches no active user; errors[] names the wave.' }, (index: number) => ({
  detail: `Wave ${index + 2} reaches no active user: choose users, groups with members, or everyone.`,
  fields: [{ pointer: `/waves/${index}/audience`, detail: 'reaches no active user' }],
})) {}

export class UnknownAudience extends problem({ code: 'MESSAGE.UNKNOWN_AUDIENCE', kind: 'invalid', title: 'Unknown recipients', description: 'Some of the chosen groups or users do not exist in the organisation; errors[] names them.' }, (missing: Array<{ pointer: string; id: string }>) => ({
  detail: `${missing.length} of the chosen groups or users do not exist in your organisation.`,
  fields: missing.map((m) => ({ pointer: m.pointer, detail: `no such group or user: ${m.id}` })),
})) {}

export class MessageAlreadySent extends problem({ code: 'MESSAGE.ALREADY_SENT', kind: 'conflict', title: 'Message already sent', description: 'Only a scheduled message that has not gone out yet can be cancelled.' }, () => 'Only a scheduled message that has not gone out yet can be cancelled.') {}

export class NotACallUp extends problem({ code: 'MESSAGE.NOT_A_CALL_UP', kind: 'conflict', title: 'Not a call-up', description: 'The message has no answer options; only a call-up can be answered.' }, () => 'This message has no answer options; only a call-up can be answered.') {}

export class CallUpClosed extends problem({ code: 'MESSAGE.CALL_UP_CLOSED', kind: 'conflict', title: 'Call-up closed', description: 'The call-up is closed; answers can no longer be given or changed.' }, () => 'This call-up is closed; answers can no longer be given or changed.') {}

export class AnswerLinkExpired extends problem({ code: 'MESSAGE.ANSWER_LINK_EXPIRED', kind: 'gone', title: 'Answer link expired', description: 'The call-up of this answer link is closed (by hand, by its goal or at its closing time): the link shows nothing and takes no answer any more.' }, () => 'This call-up is closed: the link no longer takes an answer.') {}

export class UnknownAnswer extends problem({ code: 'MESSAGE.UNKNOWN_ANSWER', kind: 'invalid', title: 'Unknown answer', description: 'The answer is not one of the call-up’s answer options; detail lists them.' }, (options: readonly string[]) => ({
  detail: `Answer with one of: ${options.join(', ')}.`,
  fields: [{ pointer: '/option', detail: 'is not one of the call-up’s answer options' }],
})) {}

export class AppUpdateRequired extends problem({ code: 'APP.UPDATE_REQUIRED', kind: 'upgrade_required', title: 'Update your app', description: 'The app is older than the lowest version the organisation accepts; detail says how to update.' }, (platform: string, version: string, minimum: string) => `Your app (${platform} ${version}) is older than your organisation allows, and older versions may miss push messages and call-ups. ${howToUpdate(platform, minimum)}`) {}

export class InvalidDevice extends problem({ code: 'DEVICE.INVALID', kind: 'invalid', title: 'Invalid device', description: 'A field of the push device is missing or not acceptable; errors[] names each field.' }, fieldOccurrence) {}

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

export class InvalidDeliveryReport extends problem({ code: 'SMS.INVALID_DELIVERY_REPORT', kind: 'invalid', title: 'Not a delivery report', description: 'The body sent to the SMS delivery-report callback is not a delivery report of the configured SMS provider.' }, () => 'The body is not a delivery report of the configured SMS provider.') {}

export class UnknownPlaceholder extends problem({ code: 'MESSAGE_TEMPLATE.UNKNOWN_PLACEHOLDER', kind: 'invalid', title: 'Unknown placeholder', description: 'A template\u2019s title or body holds a {{placeholder}} that is not one of incident.title, incident.location, incident.type and incident.severity; errors[] names the field.' }, (field: string, name: string) => ({
  detail: `{{${name}}} is not a placeholder a template may hold: use {{incident.title}}, {{incident.location}}, {{incident.type}} or {{incident.severity}}.`,
  fields: [{ pointer: `/${field}`, detail: `unknown placeholder {{${name}}}` }],
})) {}

export class MissingPlaceholderValue extends problem({ code: 'MESSAGE_TEMPLATE.MISSING_VALUE', kind: 'invalid', title: 'Placeholder without a value', description: 'The template sent from holds a placeholder the request gives no value for; errors[] points at it under /placeholders.' }, (name: string) => ({
  detail: `The template holds {{${name}}}: give its value in placeholders.`,
  fields: [{ pointer: `/placeholders/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, detail: 'the template holds this placeholder: give its value' }],
})) {}
