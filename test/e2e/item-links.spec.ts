import { expect } from 'chai';
import { addUser, onboardTenant } from '../helpers/fixtures.js';
import { call } from '../helpers/http.js';
import { env } from '../helpers/test-env.js';

describe('signed per-user item deep links', () => {
  it('work for their user only, until they expire, untampered, and only while the user may see the item', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const other = await addUser(t, ['member']);
    const contact = await call('POST', '/v1/contacts', { token: t.adminToken, body: { name: 'Officier van dienst', organisation: 'Veiligheidsregio', phones: ['+31 88 7654321'] } });
    expect(contact.status, contact.text).to.equal(201);
    const list = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'contact_list', title: 'Crisisteam', body: { entries: [{ contactId: contact.body.id }] } } });
    expect(list.status, list.text).to.equal(201);
    expect((await call('POST', `/v1/content/items/${list.body.id}/publish`, { token: t.adminToken })).status).to.equal(200);
    await call('PUT', `/v1/content/items/${list.body.id}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [member.id] } });

    // Only for an item of the caller's view.
    const notMine = await call('GET', `/v1/me/content/items/${list.body.id}/link`, { token: other.token });
    expect(notMine.status).to.equal(404);
    expect((await call('GET', '/v1/me/content/items/00000000-0000-4000-8000-000000000000/link', { token: member.token })).status).to.equal(404);
    const mine = await call('GET', `/v1/me/content/items/${list.body.id}/link`, { token: member.token });
    expect(mine.status, mine.text).to.equal(200);
    const link = mine.body.url as string;
    expect(link).to.match(new RegExp(`^/items/${list.body.id}\\?u=${member.id}&exp=\\d+&sig=[\\w-]+$`));
    expect(new Date(mine.body.expiresAt as string).getTime() - Date.now()).to.be.within(0, env().config.FILE_LINK_TTL_SECONDS * 1000 + 1000);

    // The item as the member sees it: the contact list with its people filled in.
    const opened = await call('GET', link, { token: member.token });
    expect(opened.status, opened.text).to.equal(200);
    expect(opened.body).to.include({ id: list.body.id, kind: 'contact_list', title: 'Crisisteam', parentId: null });
    expect(opened.body.body.entries).to.deep.equal([
      { type: 'contact', id: contact.body.id, name: 'Officier van dienst', organisation: 'Veiligheidsregio', function: null, phones: ['+31 88 7654321'], email: null },
    ]);

    const byOther = await call('GET', link, { token: other.token });
    expect(byOther.status).to.equal(403);
    expect(byOther.body.type).to.equal('/problems/content-link-refused');
    const tampered = link.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43));
    expect((await call('GET', tampered, { token: member.token })).status).to.equal(403);
    const longer = link.replace(/exp=(\d+)/, (_, exp: string) => `exp=${Number(exp) + 3600}`);
    expect((await call('GET', longer, { token: member.token })).status).to.equal(403);
    const otherItem = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'page', title: 'Ander', body: { markdown: 'x' } } });
    expect((await call('GET', link.replace(list.body.id as string, otherItem.body.id as string), { token: member.token })).status).to.equal(403);
    // A file link's signature does not open an item.
    expect((await call('GET', link.replace('/items/', '/files/').replace(/\?/, '/original?'), { token: member.token })).status).to.be.oneOf([403, 404]);

    env().clock.advance((env().config.FILE_LINK_TTL_SECONDS + 1) * 1000);
    try {
      const expired = await call('GET', link, { token: member.token });
      expect(expired.status).to.equal(403);
      expect(expired.body.type).to.equal('/problems/content-link-refused');
    } finally {
      env().clock.reset();
    }

    expect((await call('GET', link, { token: member.token })).status).to.equal(200);
    await call('PUT', `/v1/content/items/${list.body.id}/audience`, { token: t.adminToken, body: { everyone: false, userIds: [] } });
    const lost = await call('GET', link, { token: member.token });
    expect(lost.status).to.equal(403);
    expect(lost.body.type).to.equal('/problems/content-link-refused');
    expect(lost.body.detail).to.contain('no longer');
  });

  it('refuses a link after the item was unpublished, and a malformed link with 400', async () => {
    const t = await onboardTenant();
    const member = await addUser(t, ['member']);
    const page = await call('POST', '/v1/content/items', { token: t.adminToken, body: { kind: 'page', title: 'Ontruiming', body: { markdown: '# Ontruiming' } } });
    await call('POST', `/v1/content/items/${page.body.id}/publish`, { token: t.adminToken });
    await call('PUT', `/v1/content/items/${page.body.id}/audience`, { token: t.adminToken, body: { everyone: true } });
    const link = (await call('GET', `/v1/me/content/items/${page.body.id}/link`, { token: member.token })).body.url as string;
    expect((await call('GET', link, { token: member.token })).body.body).to.deep.equal({ markdown: '# Ontruiming' });
    expect((await call('GET', `/items/${page.body.id}?u=${member.id}&sig=x`, { token: member.token })).status).to.equal(400);
    await call('POST', `/v1/content/items/${page.body.id}/unpublish`, { token: t.adminToken });
    const gone = await call('GET', link, { token: member.token });
    expect(gone.status).to.equal(403);
    expect(gone.body.detail).to.contain('no longer');
  });
});
