import { expect } from 'chai';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from '../../src/platform/mail/smtp-mailer.js';
import { freePort } from '../helpers/free-port.js';

describe('SMTP mail adapter (nodemailer) against a local SMTP server', () => {
  it('delivers the message with sender, recipient, subject and body', async () => {
    const received: Array<{ from: string; to: string[]; data: string; user?: string }> = [];
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 'geheim') callback(null, { user: auth.username });
        else callback(new Error('invalid credentials'));
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
            user: session.user as string | undefined,
          });
          callback();
        });
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const mailer = new SmtpMailer(`smtp://mailer:geheim@127.0.0.1:${port}?ignoreTLS=true`, 'Crisisplatform <no-reply@platform.test>');
      await mailer.send({ to: 'm.devries@delinde.test', subject: 'Uitnodiging voor De Linde', text: 'Activeer je account: https://x/activate?token=abc' });
      expect(received).to.have.length(1);
      expect(received[0]).to.include({ from: 'no-reply@platform.test', user: 'mailer' });
      expect(received[0]!.to).to.deep.equal(['m.devries@delinde.test']);
      expect(received[0]!.data).to.contain('Subject: Uitnodiging voor De Linde');
      expect(received[0]!.data).to.contain('activate?token=abc');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
