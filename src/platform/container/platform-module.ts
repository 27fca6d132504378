import type { EntitySchema } from '@mikro-orm/core';
import type { Router } from 'express';
import type { Container, ContainerModule } from 'inversify';
import type { ProblemTypes } from '../domain/errors.js';

/** What a module hands the composition root: its tables, its bindings, its routes and its event reactions. */
export interface PlatformModule {
  name: string;
  entities: EntitySchema[];
  bindings: ContainerModule;
  router?: (container: Container) => Router;
  /** Handlers that must see the raw request before the contract is checked (streamed uploads). */
  beforeValidation?: (container: Container) => Router;
  /** HTML pages outside the API contract. */
  pages?: () => Router;
  subscriptions?: (container: Container) => void;
  /** The problem types of this module's error codes, described at GET /problems/<slug>. */
  problems?: ProblemTypes;
  /** Background work of the `worker` process (queue consumers, sweeps); the embedded default runs it in the api process. */
  worker?: (container: Container) => { start(): void; stop(): Promise<void> };
}
