import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { checkWaves, Message, MESSAGE_BODY_MAX, MESSAGE_TITLE_MAX, type Audience, type MessageFormat, type Priority, type WavePlan } from './message.js';
import { InvalidMessage, MissingPlaceholderValue, UnknownPlaceholder } from './messaging.errors.js';

/**
 * The placeholders a template's title and body may hold, as {{name}}: what an incident fills in
 * when its notification is sent from a template (and what a sender gives with templateId).
 */
export const PLACEHOLDERS = ['incident.title', 'incident.location', 'incident.type', 'incident.severity'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SAMPLE = 'x'.repeat(20);

export interface TemplateGoal {
  option: string;
  count: number;
  /** The deadline, so many minutes after the call-up goes out; null: none. */
  withinMinutes: number | null;
  autoClose: boolean;
}

export interface TemplateWave {
  afterMinutes: number;
  audience: Audience;
  remind: boolean;
}

export interface MessageTemplateFields {
  name: string;
  title: string;
  body: string;
  format: MessageFormat;
  priority: Priority;
  answerOptions: string[];
  goal: TemplateGoal | null;
  waves: TemplateWave[];
}

/** The placeholders a text holds, in order of first use; unknown ones are refused with their field. */
function placeholdersIn(field: 'title' | 'body', text: string): Result<Placeholder[], UnknownPlaceholder> {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return fail(new UnknownPlaceholder(field, name));
    if (!found.includes(name as Placeholder)) found.push(name as Placeholder);
  }
  return ok(found);
}

function fill(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => values[name as Placeholder] ?? '');
}

/**
 * A message or call-up prepared in advance (oproepsjabloon): its text with placeholders, answer
 * options, goal and waves. Sending from it fills the placeholders in; the sender's fields override.
 */
export class MessageTemplate implements MessageTemplateFields {
  id!: string;
  tenantId!: string;
  name!: string;
  title!: string;
  body!: string;
  format!: MessageFormat;
  priority!: Priority;
  answerOptions!: string[];
  goal!: TemplateGoal | null;
  waves!: TemplateWave[];
  createdAt!: Date;
  updatedAt!: Date;

  private constructor() {}

  static create(tenantId: string, fields: MessageTemplateFields, now: Date): Result<MessageTemplate, InvalidMessage | UnknownPlaceholder> {
    const checked = checkTemplate(fields, now);
    if (!checked.ok) return checked;
    const template = new MessageTemplate();
    Object.assign(template, { id: randomUUID(), tenantId, ...checked.value, createdAt: now, updatedAt: now });
    return ok(template);
  }

  replace(fields: MessageTemplateFields, now: Date): Result<void, InvalidMessage | UnknownPlaceholder> {
    const checked = checkTemplate(fields, now);
    if (!checked.ok) return checked;
    Object.assign(this, { ...checked.value, updatedAt: now });
    return ok(undefined);
  }

  /** The placeholders title and body hold (checked when saved, so never an unknown one). */
  placeholders(): Placeholder[] {
    const title = placeholdersIn('title', this.title);
    const body = placeholdersIn('body', this.body);
    return [...new Set([...(title.ok ? title.value : []), ...(body.ok ? body.value : [])])];
  }

  /** Title and body with the placeholders filled in; each placeholder used needs a value. */
  fill(values: PlaceholderValues): Result<{ title: string; body: string }, MissingPlaceholderValue> {
    const missing = this.placeholders().find((name) => values[name] === undefined || values[name].trim() === '');
    if (missing) return fail(new MissingPlaceholderValue(missing));
    return ok({ title: fill(this.title, values), body: fill(this.body, values) });
  }

  /** The goal as a message takes it: the deadline counted from when it goes out. */
  goalFrom(goesOutAt: Date): { option: string; count: number; by: Date | null; autoClose: boolean } | null {
    if (!this.goal) return null;
    return { option: this.goal.option, count: this.goal.count, by: this.goal.withinMinutes === null ? null : new Date(goesOutAt.getTime() + this.goal.withinMinutes * 60_000), autoClose: this.goal.autoClose };
  }
}

/**
 * A template is checked as the message it would make: the placeholders known, then title and body
 * (filled with sample text of a typical length), options, goal and waves by the message's own rules.
 */
function checkTemplate(fields: MessageTemplateFields, now: Date): Result<MessageTemplateFields, InvalidMessage | UnknownPlaceholder> {
  const name = fields.name.trim();
  if (name.length === 0 || name.length > 100) return fail(new InvalidMessage('name', 'must be 1 to 100 characters'));
  for (const field of ['title', 'body'] as const) {
    const found = placeholdersIn(field, fields[field]);
    if (!found.ok) return found;
  }
  if (fields.title.trim().length > MESSAGE_TITLE_MAX) return fail(new InvalidMessage('title', `must be 1 to ${MESSAGE_TITLE_MAX} characters`));
  const samples = Object.fromEntries(PLACEHOLDERS.map((p) => [p, SAMPLE])) as PlaceholderValues;
  const trial = Message.compose(
    {
      tenantId: '00000000-0000-4000-8000-000000000000',
      senderType: 'system',
      senderId: '00000000-0000-4000-8000-000000000000',
      title: fill(fields.title, samples).slice(0, MESSAGE_TITLE_MAX),
      body: fill(fields.body, samples).slice(0, MESSAGE_BODY_MAX),
      format: fields.format,
      priority: fields.priority,
      answerOptions: fields.answerOptions,
      audience: { everyone: true, groupIds: [], userIds: [] },
      scheduledAt: null,
      closesAt: null,
      source: null,
      goal: fields.goal ? { option: fields.goal.option, count: fields.goal.count, by: null, autoClose: fields.goal.autoClose } : null,
    },
    now,
  );
  if (!trial.ok) return trial;
  if (fields.goal && fields.goal.withinMinutes !== null && (!Number.isInteger(fields.goal.withinMinutes) || fields.goal.withinMinutes < 1 || fields.goal.withinMinutes > 1440)) {
    return fail(new InvalidMessage('goal/withinMinutes', 'must be 1 to 1440 minutes'));
  }
  const waves = checkWaves(fields.waves, trial.value.isCallUp());
  if (!waves.ok) return waves;
  return ok({
    name,
    title: fields.title.trim(),
    body: fields.body.trim(),
    format: fields.format,
    priority: fields.priority,
    answerOptions: trial.value.answerOptions,
    goal: trial.value.goal ? { option: trial.value.goal.option, count: trial.value.goal.count, withinMinutes: fields.goal!.withinMinutes, autoClose: trial.value.goal.autoClose } : null,
    waves: waves.value.map((w: WavePlan) => ({ afterMinutes: w.afterMinutes, audience: w.audience, remind: w.remind })),
  });
}
