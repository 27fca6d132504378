import type { Invitations } from './invitations.js';

/** Reaction to `tenant.created`: the new tenant's first admin is invited in the same transaction. */
export class InviteFirstAdmin {
  constructor(private readonly invitations: Pick<Invitations, 'invite'>) {}

  async handle(event: { tenantId: string; firstAdmin: { name: string; email: string } }): Promise<void> {
    const invited = await this.invitations.invite({ tenantId: event.tenantId, ...event.firstAdmin, roles: ['admin'] });
    if (!invited.ok) throw invited.error;
  }
}
