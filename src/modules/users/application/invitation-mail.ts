import type { MailMessage } from '../../../platform/mail/mailer.js';

/** The invitation in the tenant's language; the link carries the one-time secret. */
export function invitationMail(props: {
  to: string;
  name: string;
  tenantName: string;
  locale: string;
  link: string;
  validForHours: number;
}): MailMessage {
  if (props.locale.startsWith('nl')) {
    return {
      to: props.to,
      subject: `Uitnodiging voor ${props.tenantName} op het crisisplatform`,
      text:
        `Beste ${props.name},\n\n` +
        `Je bent uitgenodigd voor de crisisorganisatie van ${props.tenantName}. ` +
        `Activeer je account en kies een wachtwoord via deze link (${props.validForHours} uur geldig, één keer te gebruiken):\n\n` +
        `${props.link}\n\nHeb je deze uitnodiging niet verwacht? Dan kun je dit bericht negeren.\n`,
    };
  }
  return {
    to: props.to,
    subject: `Invitation to ${props.tenantName} on the crisis platform`,
    text:
      `Dear ${props.name},\n\n` +
      `You have been invited to the crisis organisation of ${props.tenantName}. ` +
      `Activate your account and choose a password with this link (valid for ${props.validForHours} hours, single use):\n\n` +
      `${props.link}\n\nIf you did not expect this invitation, you can ignore this message.\n`,
  };
}

/** The token a link carries: which tenant, and the secret. Only a hash of the secret is stored. */
export function composeActivationToken(tenantId: string, secret: string): string {
  return `${tenantId}.${secret}`;
}

export function parseActivationToken(token: string): { tenantId: string; secret: string } | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{20,})$/.exec(token);
  return match ? { tenantId: match[1]!, secret: match[2]! } : null;
}
