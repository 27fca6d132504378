import type { UserActor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';

/** Ends the caller's own session: its access token stops working at the next request. */
export class SignOut {
  constructor(private readonly d: Pick<UsersDeps, 'sessions' | 'clock' | 'audit'>) {}

  async execute(command: { actor: UserActor }): Promise<void> {
    const session = await this.d.sessions.byId(command.actor.tenantId, command.actor.sessionId);
    session?.revoke('signed_out', this.d.clock.now());
    this.d.audit.record({
      tenantId: command.actor.tenantId,
      action: 'auth.logout',
      actorType: 'user',
      actorId: command.actor.userId,
      subjectType: 'user',
      subjectId: command.actor.userId,
      clientAddress: command.actor.clientAddress,
      details: { sessionId: command.actor.sessionId },
    });
  }
}
