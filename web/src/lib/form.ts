import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { problemKey, type Problem } from './problem';

/**
 * Puts a problem's field errors (errors[].pointer, e.g. /body/email) next to their fields and
 * returns the message for the rest; what the user typed stays in the form.
 */
export function applyProblem<T extends Record<string, unknown>>(form: UseFormReturnType<T>, problem: Problem, t: TFunction): string {
  const fields: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const path = error.pointer.replace(/^\/body\//, '').replace(/^\//, '').split('/').join('.');
    if (path in form.getValues()) fields[path] = t([`fields.${error.detail}`, 'fields.invalid'], { detail: error.detail });
  }
  form.setErrors(fields);
  return t([problemKey(problem), `problems.status.${problem.status}`, 'problems.unknown']);
}
