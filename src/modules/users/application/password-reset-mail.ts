import type { MailMessage } from '../../../platform/mail/mailer.js';

export function passwordResetMail(props: { to: string; name: string; tenantName: string; locale: string; link: string }): MailMessage {
  if (props.locale.startsWith('nl')) {
    return {
      to: props.to,
      subject: `Nieuw wachtwoord voor ${props.tenantName}`,
      text:
        `Beste ${props.name},\n\nKies een nieuw wachtwoord via deze link (één uur geldig, één keer te gebruiken):\n\n${props.link}\n\n` +
        `Heb je dit niet aangevraagd? Negeer dan dit bericht; je wachtwoord blijft zoals het is.\n`,
    };
  }
  return {
    to: props.to,
    subject: `New password for ${props.tenantName}`,
    text:
      `Dear ${props.name},\n\nChoose a new password with this link (valid for one hour, single use):\n\n${props.link}\n\n` +
      `If you did not ask for this, ignore this message; your password stays as it is.\n`,
  };
}
