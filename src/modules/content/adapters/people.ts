import type { PeopleDirectory } from '../../users/application/people-directory.js';
import type { People } from '../ports.js';

/** Content learns about people and groups through the users module's application layer. */
export function peopleFrom(directory: PeopleDirectory): People {
  return directory;
}
