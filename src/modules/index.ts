import type { PlatformModule } from '../platform/container/platform-module.js';
import { tenantsModule } from './tenants/module.js';
import { usersModule } from './users/module.js';

/** Every module of the platform, in the order their routes are mounted. */
export const modules: PlatformModule[] = [tenantsModule, usersModule];

export const entities = modules.flatMap((module) => module.entities);
