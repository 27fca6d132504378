import type { UsersDeps } from './deps.js';

/** Ends the caller's own session: its access token stops working at the next request. */
export class SignOut {
  constructor(private readonly d: Pick<UsersDeps, 'sessions' | 'clock' | 'audit'>) {}

  async execute(command: { tenantId: string; userId: string; sessionId: string; clientAddress: string | null }): Promise<void> {
    const session = await this.d.sessions.byId(command.tenantId, command.sessionId);
    session?.revoke('signed_out', this.d.clock.now());
    this.d.audit.record({
      tenantId: command.tenantId,
      action: 'auth.logout',
      actorType: 'user',
      actorId: command.userId,
      subjectType: 'user',
      subjectId: command.userId,
      clientAddress: command.clientAddress,
      details: { sessionId: command.sessionId },
    });
  }
}
