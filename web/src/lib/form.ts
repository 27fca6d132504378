import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { problemKey, type Problem } from './problem';

/** Whether a dotted path (firstAdmin.email) names a field of the form's values. */
function hasPath(values: unknown, path: string): boolean {
  let current = values;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !(part in current)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Puts a problem's field errors (errors[].pointer, e.g. /body/email) next to their fields and
 * returns the message for the rest; what the user typed stays in the form.
 */
export function applyProblem<T extends Record<string, unknown>>(form: UseFormReturnType<T>, problem: Problem, t: TFunction): string {
  const fields: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const path = error.pointer.replace(/^\/body\//, '').replace(/^\//, '').split('/').join('.');
    if (hasPath(form.getValues(), path)) fields[path] = t([`fields.${error.detail}`, 'fields.invalid'], { detail: error.detail });
  }
  form.setErrors(fields);
  return t([problemKey(problem), `problems.status.${problem.status}`, 'problems.unknown']);
}

/**
 * A form's outcome line. Success is kept as its message key, so it follows a language switch;
 * a problem's text comes from applyProblem with the field errors, in the language of the moment.
 */
export type FormMessage = { ok: true; key: string } | { ok: false; text: string };

export function messageText(message: FormMessage, t: TFunction): string {
  return message.ok ? t(message.key) : message.text;
}
