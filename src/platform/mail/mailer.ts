export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Port for outgoing mail: activation links, password resets. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
