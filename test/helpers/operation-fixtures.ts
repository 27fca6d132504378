import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { call, fileForm } from './http.js';
import { smallPhonePhoto } from './phone-photo.js';
import { operatorToken, PASSWORD, signIn, type OnboardedTenant } from './fixtures.js';

/**
 * How to call each operation of the contract for real: the path parameters, body and query
 * that make a valid request against tenant A, prepared fresh for every call (so an operation
 * that deletes or revokes does not spoil the next). The isolation probe and the permission
 * matrix both walk the spec and take their calls from here; an operation missing here fails both.
 */
export interface PreparedCall {
  params?: Record<string, string>;
  body?: unknown;
  form?: FormData;
  query?: string;
}

export interface OperationFixture {
  prepare(a: OnboardedTenant): Promise<PreparedCall>;
  /** The operation ends the caller's own session: call it with a token of a fresh session. */
  endsOwnSession?: boolean;
  /** What another tenant gets, when it is not 404: a signed file link refuses anyone but its user. */
  foreign?: 403;
}

async function ok(reply: Awaited<ReturnType<typeof call>>, status = 201): Promise<Record<string, unknown>> {
  expect(reply.status, reply.text).to.equal(status);
  return Promise.resolve(reply.body as Record<string, unknown>);
}

export async function createUserIn(a: OnboardedTenant, roles: string[] = ['member']): Promise<string> {
  const body = { email: `u-${randomUUID().slice(0, 8)}@${a.slug}.test`, name: 'Fixture Gebruiker', roles };
  return (await ok(await call('POST', '/v1/users', { token: a.adminToken, body }))).id as string;
}

export async function createGroupIn(a: OnboardedTenant): Promise<string> {
  const body = { name: `Team ${randomUUID().slice(0, 8)}`, type: 'team' };
  return (await ok(await call('POST', '/v1/groups', { token: a.adminToken, body }))).id as string;
}

export async function createItemIn(a: OnboardedTenant, kind = 'page', parentId: string | null = null): Promise<string> {
  const body = kind === 'folder' ? { icon: 'map' } : { markdown: '# Ontruiming\nVolg de vluchtroute.' };
  return (await ok(await call('POST', '/v1/content/items', { token: a.adminToken, body: { parentId, kind, title: `Item ${randomUUID().slice(0, 6)}`, body } }))).id as string;
}

export async function createContactIn(a: OnboardedTenant): Promise<string> {
  return (await ok(await call('POST', '/v1/contacts', { token: a.adminToken, body: { name: 'Piet de Boer', phones: ['+31 88 1234567'] } }))).id as string;
}

export async function uploadIn(a: OnboardedTenant): Promise<Record<string, unknown>> {
  return ok(await call('POST', '/v1/media', { token: a.adminToken, form: fileForm(smallPhonePhoto(), 'foto.jpg', 'image/jpeg') }));
}

/** A page published to everyone in tenant A: in every user's view. */
export async function publishedForEveryoneIn(a: OnboardedTenant): Promise<string> {
  const itemId = await createItemIn(a);
  await ok(await call('POST', `/v1/content/items/${itemId}/publish`, { token: a.adminToken }), 200);
  await ok(await call('PUT', `/v1/content/items/${itemId}/audience`, { token: a.adminToken, body: { everyone: true } }), 200);
  return itemId;
}

const user = async (a: OnboardedTenant) => ({ params: { userId: await createUserIn(a) } });
const item = async (a: OnboardedTenant) => ({ params: { itemId: await createItemIn(a) } });
const contact = async (a: OnboardedTenant) => ({ params: { contactId: await createContactIn(a) } });
const group = async (a: OnboardedTenant) => ({ params: { groupId: await createGroupIn(a) } });


// ---- incidents (issue 6) ----
export async function createIncidentIn(a: OnboardedTenant, extra: Record<string, unknown> = {}): Promise<string> {
  const body = { title: `Incident ${randomUUID().slice(0, 6)}`, type: 'general', severity: 'minor', ...extra };
  return (await ok(await call('POST', '/v1/incidents', { token: a.adminToken, body }))).id as string;
}

async function closedIncidentIn(a: OnboardedTenant): Promise<{ params: { incidentId: string } }> {
  const incidentId = await createIncidentIn(a);
  await ok(await call('POST', `/v1/incidents/${incidentId}/close`, { token: a.adminToken }), 200);
  return { params: { incidentId } };
}

async function incidentWithMemberIn(a: OnboardedTenant): Promise<{ params: { incidentId: string; userId: string } }> {
  const userId = await createUserIn(a);
  return { params: { incidentId: await createIncidentIn(a, { users: [{ userId }] }), userId } };
}

async function entryIn(a: OnboardedTenant): Promise<{ params: { incidentId: string; entryId: string } }> {
  const incidentId = await createIncidentIn(a);
  const entry = await ok(await call('POST', `/v1/incidents/${incidentId}/entries`, { token: a.adminToken, body: { text: 'Rook op de gang' } }));
  return { params: { incidentId, entryId: entry.id as string } };
}

async function actionIn(a: OnboardedTenant): Promise<{ params: { incidentId: string; actionId: string } }> {
  const incidentId = await createIncidentIn(a);
  const action = await ok(await call('POST', `/v1/incidents/${incidentId}/actions`, { token: a.adminToken, body: { title: 'Ontruiming controleren' } }));
  return { params: { incidentId, actionId: action.id as string } };
}

const incident = async (a: OnboardedTenant) => ({ params: { incidentId: await createIncidentIn(a) } });

/** An incident with one chat message of its admin (who activated it, so takes part). */
async function chatMessageIn(a: OnboardedTenant): Promise<PreparedCall> {
  const incidentId = await createIncidentIn(a);
  const message = await ok(await call('POST', `/v1/incidents/${incidentId}/chat`, { token: a.adminToken, body: { text: 'Wie heeft de sleutel?' } }));
  return { params: { incidentId, messageId: message.id as string } };
}

/** The set-up every fixture relies on (the default one), so the matrix's own update changes nothing for the others. */
export const DEFAULT_INCIDENT_SETUP = {
  types: [{ key: 'general', name: 'Algemeen' }],
  roles: [{ key: 'member', name: 'Teamlid', default: true }],
  locations: [],
  classifications: [{ key: 'observation', name: 'Waarneming' }],
  labels: [],
  allowMemberActivation: false,
  memberVisibility: 'all',
};

const incidentFixtures: Record<string, OperationFixture> = {
  getIncidentSetup: { prepare: () => Promise.resolve({}) },
  updateIncidentSetup: { prepare: () => Promise.resolve({ body: DEFAULT_INCIDENT_SETUP }) },
  listIncidents: { prepare: () => Promise.resolve({ query: '?status=active' }) },
  activateIncident: { prepare: () => Promise.resolve({ body: { title: 'Stroomstoring', type: 'general', severity: 'moderate', exercise: true } }) },
  getIncident: { prepare: incident },
  previewIncidentReach: { prepare: async (a) => ({ body: { teams: [{ groupId: await createGroupIn(a) }], users: [{ userId: await createUserIn(a), role: 'member' }] } }) },
  closeIncident: { prepare: incident },
  reopenIncident: { prepare: closedIncidentIn },
  archiveIncident: { prepare: closedIncidentIn },
  linkIncidentParticipants: { prepare: async (a) => ({ ...(await incident(a)), body: { users: [{ userId: await createUserIn(a) }] } }) },
  removeIncidentTeam: {
    prepare: async (a) => {
      const groupId = await createGroupIn(a);
      return { params: { incidentId: await createIncidentIn(a, { teams: [{ groupId }] }), groupId } };
    },
  },
  changeIncidentMemberRole: { prepare: async (a) => ({ ...(await incidentWithMemberIn(a)), body: { role: 'member' } }) },
  removeIncidentMember: { prepare: incidentWithMemberIn },
  uploadIncidentMedia: { prepare: async (a) => ({ ...(await incident(a)), form: fileForm(smallPhonePhoto(), 'foto.jpg', 'image/jpeg') }) },
  listLogEntries: { prepare: async (a) => ({ ...(await entryIn(a)), query: '?kind=text' }) },
  postLogEntry: { prepare: async (a) => ({ ...(await incident(a)), body: { text: 'Brandweer ter plaatse' } }) },
  markLogEntry: { prepare: async (a) => ({ ...(await entryIn(a)), body: { important: true, summary: 'Rook' } }) },
  getSituationOverview: { prepare: incident },
  verifyIncidentLog: { prepare: entryIn },
  streamIncidentLog: { prepare: async (a) => ({ ...(await entryIn(a)), query: '?follow=false' }) },
  listIncidentActions: { prepare: async (a) => ({ ...(await actionIn(a)), query: '?filter=overdue' }) },
  createIncidentAction: { prepare: async (a) => ({ ...(await incident(a)), body: { title: 'Pers te woord staan' } }) },
  updateIncidentAction: { prepare: async (a) => ({ ...(await actionIn(a)), body: { status: 'in_progress' } }) },
  listChatMessages: { prepare: async (a) => ({ ...(await chatMessageIn(a)), query: '?limit=50' }) },
  postChatMessage: { prepare: async (a) => ({ ...(await incident(a)), body: { text: 'Sleutel ligt bij de receptie' } }) },
  streamIncidentChat: { prepare: async (a) => ({ ...(await chatMessageIn(a)), query: '?follow=false' }) },
  promoteChatMessage: { prepare: async (a) => ({ ...(await chatMessageIn(a)), body: { classification: 'observation' } }) },
  getIncidentReport: { prepare: async (a) => ({ ...(await entryIn(a)), query: '?format=json' }) },
};
// ---- end of incidents ----

// ---- incidents: activation from the plan, situation picture (issue 21) ----
/** The default set-up plus a situation-picture template (PUT without them leaves them alone, so the others' set-up stays). */
export const PICTURE_SETUP = {
  ...DEFAULT_INCIDENT_SETUP,
  situationPictureTemplates: [
    {
      key: 'bob',
      name: 'BOB-cyclus',
      sections: [
        { key: 'beeldvorming', title: 'Beeldvorming', guidance: 'Wat weten we?' },
        { key: 'oordeelsvorming', title: 'Oordeelsvorming' },
        { key: 'besluitvorming', title: 'Besluitvorming' },
      ],
    },
  ],
};

export async function withPictureTemplatesIn(a: OnboardedTenant): Promise<void> {
  await ok(await call('PUT', '/v1/incident-setup', { token: a.adminToken, body: PICTURE_SETUP }), 200);
}

export async function taskCardIn(a: OnboardedTenant, steps: string[] = ['Alarmeer de meldkamer', 'Begeleid bewoners naar de verzamelplaats'], role = 'Teamlid'): Promise<string> {
  const body = { parentId: null, kind: 'task_card', title: `Taakkaart ${randomUUID().slice(0, 6)}`, body: { role, steps } };
  return (await ok(await call('POST', '/v1/content/items', { token: a.adminToken, body }))).id as string;
}

export async function templateIn(a: OnboardedTenant, extra: Record<string, unknown> = {}): Promise<string> {
  const body = { key: `t-${randomUUID().slice(0, 8)}`, name: 'Stroomstoring', type: 'general', severity: 'moderate', teams: [{ groupId: await createGroupIn(a), role: 'member' }], taskCards: [{ taskCardId: await taskCardIn(a), role: 'member' }], ...extra };
  return (await ok(await call('POST', '/v1/incident-templates', { token: a.adminToken, body }))).id as string;
}

async function pictureIn(a: OnboardedTenant): Promise<string> {
  await withPictureTemplatesIn(a);
  const incidentId = await createIncidentIn(a);
  await ok(await call('POST', `/v1/incidents/${incidentId}/situation-picture/versions`, { token: a.adminToken, body: { template: 'bob', sections: [{ key: 'beeldvorming', text: 'Rook op de gang' }] } }));
  return incidentId;
}

const planFixtures: Record<string, OperationFixture> = {
  listIncidentTemplates: { prepare: () => Promise.resolve({}) },
  createIncidentTemplate: {
    prepare: async (a) => ({ body: { key: `t-${randomUUID().slice(0, 8)}`, name: 'Brand', type: 'general', severity: 'major', teams: [{ groupId: await createGroupIn(a), role: 'member' }], taskCards: [{ taskCardId: await taskCardIn(a), role: 'member' }] } }),
  },
  replaceIncidentTemplate: {
    prepare: async (a) => ({ params: { templateId: await templateIn(a) }, body: { key: `t-${randomUUID().slice(0, 8)}`, name: 'Brand', type: 'general', severity: 'critical', teams: [{ groupId: await createGroupIn(a), role: 'member' }] } }),
  },
  deleteIncidentTemplate: { prepare: async (a) => ({ params: { templateId: await templateIn(a) } }) },
  activateIncidentFromPlan: { prepare: async (a) => ({ body: { templateId: await templateIn(a), title: 'Stroomstoring', exercise: true } }) },
  getSituationPicture: { prepare: async (a) => ({ params: { incidentId: await pictureIn(a) } }) },
  saveSituationPicture: {
    prepare: async (a) => {
      await withPictureTemplatesIn(a);
      return { params: { incidentId: await createIncidentIn(a) }, body: { template: 'bob', sections: [{ key: 'beeldvorming', text: 'Brandweer ter plaatse' }] } };
    },
  },
  sendSituationPicture: { prepare: async (a) => ({ params: { incidentId: await pictureIn(a) }, body: { version: 1 } }) },
};
// ---- end of incidents: plan ----

export const operationFixtures: Record<string, OperationFixture> = {
  // platform (operator)
  listTenants: { prepare: () => Promise.resolve({}) },
  createTenant: {
    prepare: () => {
      const slug = `fx-${randomUUID().slice(0, 8)}`;
      return Promise.resolve({ body: { name: 'Fixture', slug, firstAdmin: { name: 'A', email: `a@${slug}.test` } } });
    },
  },
  getTenant: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id } }) },
  updateTenant: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id }, body: { dpoContact: 'fg@fixture.test' } }) },
  suspendTenant: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id }, body: { reason: 'fixture' } }) },
  reactivateTenant: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id } }) },
  // tenant
  getOwnTenant: { prepare: () => Promise.resolve({}) },
  updateOwnTenant: { prepare: () => Promise.resolve({ body: { dpoContact: 'fg@fixture.test' } }) },
  getBranding: { prepare: () => Promise.resolve({}) },
  setBranding: { prepare: async (a) => ({ body: { primaryColor: '#005a9c', accentColor: '#f39200', logoMediaId: (await uploadIn(a)).id as string } }) },
  // me
  signOut: { prepare: () => Promise.resolve({}), endsOwnSession: true },
  getMe: { prepare: () => Promise.resolve({}) },
  listMySessions: { prepare: () => Promise.resolve({}) },
  revokeMySession: {
    // Another session of the caller's own is made by the caller in the matrix; for the probe, A's admin signs in again.
    prepare: async (a) => {
      const login = await call('POST', '/v1/auth/login', { body: { tenant: a.slug, email: a.adminEmail, password: PASSWORD } });
      return { params: { sessionId: login.body.sessionId as string } };
    },
  },
  startSecondFactorEnrolment: { prepare: () => Promise.resolve({}) },
  confirmSecondFactorEnrolment: { prepare: () => Promise.resolve({ body: { code: '000000' } }) },
  disableMySecondFactor: { prepare: () => Promise.resolve({ body: { code: '000000' } }) },
  // users
  listUsers: { prepare: () => Promise.resolve({ query: '?pageSize=5' }) },
  createUser: { prepare: (a) => Promise.resolve({ body: { email: `n-${randomUUID().slice(0, 8)}@${a.slug}.test`, name: 'Nieuw', roles: ['member'] } }) },
  getUser: { prepare: user },
  updateUser: { prepare: async (a) => ({ ...(await user(a)), body: { jobTitle: 'Verpleegkundige' } }) },
  deactivateUser: { prepare: user },
  reactivateUser: {
    prepare: async (a) => {
      const prepared = await user(a);
      await ok(await call('POST', `/v1/users/${prepared.params.userId}/deactivate`, { token: a.adminToken }), 200);
      return prepared;
    },
  },
  resendInvitation: { prepare: user },
  listUserSessions: { prepare: user },
  revokeUserSessions: { prepare: user },
  resetUserSecondFactor: { prepare: user },
  // groups
  listGroups: { prepare: () => Promise.resolve({}) },
  createGroup: { prepare: () => Promise.resolve({ body: { name: `Groep ${randomUUID().slice(0, 8)}`, type: 'location' } }) },
  getGroup: { prepare: group },
  updateGroup: { prepare: async (a) => ({ ...(await group(a)), body: { description: 'Bijgewerkt' } }) },
  deleteGroup: { prepare: group },
  listGroupMembers: { prepare: group },
  addGroupMember: { prepare: async (a) => ({ params: { groupId: await createGroupIn(a), userId: await createUserIn(a) } }) },
  removeGroupMember: {
    prepare: async (a) => {
      const params = { groupId: await createGroupIn(a), userId: await createUserIn(a) };
      await ok(await call('PUT', `/v1/groups/${params.groupId}/members/${params.userId}`, { token: a.adminToken }), 204);
      return { params };
    },
  },
  // api keys
  listApiKeys: { prepare: () => Promise.resolve({}) },
  createApiKey: { prepare: () => Promise.resolve({ body: { name: 'Fixture-koppeling', scopes: ['users:read'] } }) },
  revokeApiKey: {
    prepare: async (a) => {
      const key = await ok(await call('POST', '/v1/api-keys', { token: a.adminToken, body: { name: 'Te intrekken', scopes: ['users:read'] } }));
      return { params: { apiKeyId: key.id as string } };
    },
  },
  // content
  getMyContent: { prepare: () => Promise.resolve({}) },
  searchMyContent: { prepare: () => Promise.resolve({ query: '?q=ontruiming' }) },
  listContentItems: { prepare: () => Promise.resolve({}) },
  createContentItem: { prepare: () => Promise.resolve({ body: { kind: 'link', title: 'Weeronline', body: { url: 'https://www.knmi.nl' } } }) },
  listContentOutline: { prepare: () => Promise.resolve({}) },
  getContentItem: { prepare: item },
  updateContentItem: { prepare: async (a) => ({ ...(await item(a)), body: { title: 'Herzien' } }) },
  deleteContentItem: { prepare: item },
  moveContentItem: { prepare: async (a) => ({ params: { itemId: await createItemIn(a) }, body: { parentId: await createItemIn(a, 'folder'), position: 0 } }) },
  publishContentItem: { prepare: item },
  unpublishContentItem: { prepare: item },
  setContentAudience: { prepare: async (a) => ({ ...(await item(a)), body: { everyone: true } }) },
  previewUserContent: { prepare: user },
  getContentReach: { prepare: item },
  listContacts: { prepare: () => Promise.resolve({}) },
  createContact: { prepare: () => Promise.resolve({ body: { name: 'Officier van dienst', phones: ['+31 88 7654321'] } }) },
  getContact: { prepare: contact },
  updateContact: { prepare: async (a) => ({ ...(await contact(a)), body: { function: 'Hoofd meldkamer' } }) },
  deleteContact: { prepare: contact },
  uploadMedia: { prepare: () => Promise.resolve({ form: fileForm(smallPhonePhoto(), 'foto.jpg', 'image/jpeg') }) },
  listMedia: { prepare: () => Promise.resolve({}) },
  getMedia: { prepare: async (a) => ({ params: { mediaId: (await uploadIn(a)).id as string } }) },
  openFile: {
    foreign: 403,
    prepare: async (a) => {
      const media = await uploadIn(a);
      const url = new URL((media.urls as Record<string, string>).thumb!, 'http://x');
      return { params: { mediaId: media.id as string, rendition: 'thumb' }, query: url.search };
    },
  },
  // item deep links (signed for one user): a published item everyone sees
  getItemLink: { prepare: async (a) => ({ params: { itemId: await publishedForEveryoneIn(a) } }) },
  openItemLink: {
    foreign: 403,
    prepare: async (a) => {
      const itemId = await publishedForEveryoneIn(a);
      const link = await ok(await call('GET', `/v1/me/content/items/${itemId}/link`, { token: a.adminToken }), 200);
      return { params: { itemId }, query: new URL(link.url as string, 'http://x').search };
    },
  },
  // audit
  listAuditEvents: { prepare: () => Promise.resolve({ query: '?action=auth.' }) },
  ...incidentFixtures,
  ...planFixtures,

  // ---- messaging (issue 5) ----
  sendMessage: { prepare: (a) => Promise.resolve({ body: { title: 'Oefening', body: 'Dit is een test.', audience: { userIds: [a.adminId] } } }) },
  listMessages: { prepare: () => Promise.resolve({}) },
  listMessageTemplates: { prepare: () => Promise.resolve({}) },
  createMessageTemplate: { prepare: () => Promise.resolve({ body: MESSAGE_TEMPLATE }) },
  getMessageTemplate: { prepare: async (a) => ({ params: { templateId: await messageTemplateIn(a) } }) },
  replaceMessageTemplate: { prepare: async (a) => ({ params: { templateId: await messageTemplateIn(a) }, body: { ...MESSAGE_TEMPLATE, priority: 'normal' } }) },
  deleteMessageTemplate: { prepare: async (a) => ({ params: { templateId: await messageTemplateIn(a) } }) },
  previewMessageReach: { prepare: (a) => Promise.resolve({ body: { userIds: [a.adminId] } }) },
  getMessage: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) } }) },
  cancelMessage: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a, new Date(Date.now() + 3600_000).toISOString()) } }) },
  closeCallUp: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) } }) },
  listMessageResponses: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) } }) },
  streamMessageStats: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) }, query: '?seconds=1' }) },
  listInbox: { prepare: () => Promise.resolve({}) },
  getInboxMessage: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) } }) },
  markMessageRead: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) } }) },
  answerCallUp: { prepare: async (a) => ({ params: { messageId: await sendCallUpIn(a) }, body: { option: 'beschikbaar' } }) },
  listMyDevices: { prepare: () => Promise.resolve({}) },
  registerDevice: { prepare: () => Promise.resolve({ body: { platform: 'android', token: `fcm-${randomUUID()}`, appVersion: '2.4.1' } }) },
  unregisterDevice: {
    prepare: async (a) => {
      const body = { platform: 'ios', token: `apns-${randomUUID()}`, appVersion: '2.4.1' };
      return { params: { deviceId: (await ok(await call('POST', '/v1/me/devices', { token: a.adminToken, body }))).id as string } };
    },
  },
  getAppVersionMinimums: { prepare: () => Promise.resolve({}) },
  setAppVersionMinimums: { prepare: () => Promise.resolve({ body: { ios: '1.0.0' } }) },
  // ── privacy (GDPR / AVG) ──────────────────────────────────────────────────────────────
  getPrivacySettings: { prepare: () => Promise.resolve({}) },
  updatePrivacySettings: { prepare: () => Promise.resolve({ body: { deactivatedPurgeMonths: 6 } }) },
  runRetention: { prepare: () => Promise.resolve({}) },
  listRetentionFlags: { prepare: () => Promise.resolve({}) },
  exportAllUsers: { prepare: () => Promise.resolve({ query: '?format=csv' }) },
  exportAllContacts: { prepare: () => Promise.resolve({ query: '?format=csv' }) },
  exportBreachRegister: { prepare: () => Promise.resolve({ query: '?format=csv' }) },
  exportProcessingRegister: { prepare: () => Promise.resolve({ query: '?format=xlsx' }) },
  exportAuditEvents: { prepare: () => Promise.resolve({ query: '?format=csv&action=auth.' }) },
  exportUserData: { prepare: async (a) => ({ ...(await user(a)), query: '?format=json' }) },
  eraseUser: { prepare: user },
  eraseContact: { prepare: contact },
  listErasures: { prepare: () => Promise.resolve({}) },
  listBreaches: { prepare: () => Promise.resolve({}) },
  createBreach: { prepare: () => Promise.resolve({ body: BREACH }) },
  updateBreach: { prepare: async (a) => ({ params: { breachId: await createBreachIn(a) }, body: { reportedToAuthorityAt: new Date().toISOString() } }) },
  listProcessingActivities: { prepare: () => Promise.resolve({}) },
  createProcessingActivity: { prepare: () => Promise.resolve({ body: PROCESSING }) },
  updateProcessingActivity: { prepare: async (a) => ({ params: { activityId: await createProcessingIn(a) }, body: { specialCategories: ['health'] } }) },
  deleteProcessingActivity: { prepare: async (a) => ({ params: { activityId: await createProcessingIn(a) } }) },
  exportMyData: { prepare: () => Promise.resolve({ query: '?format=json' }) },
  // A wrong password: the matrix must not erase its own callers; the erasure itself is tested in privacy specs.
  deleteMyAccount: { prepare: () => Promise.resolve({ body: { password: 'niet-het-goede-wachtwoord' } }) },
  listOwnProcessorAgreements: { prepare: () => Promise.resolve({}) },
  listProcessorAgreements: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id } }) },
  recordProcessorAgreement: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id }, body: { version: '2026.1', acceptedByName: 'Eerste Beheerder', acceptedByEmail: a.adminEmail } }) },
  archiveTenant: { prepare: (a) => Promise.resolve({ params: { tenantId: a.id } }) },
  // Offboarding deletes the tenant: every call gets a fresh one of its own.
  offboardTenant: {
    prepare: async () => {
      const slug = `off-${randomUUID().slice(0, 8)}`;
      const token = await operatorToken();
      const created = await ok(await call('POST', '/v1/platform/tenants', { token, body: { name: 'Te vertrekken', slug, firstAdmin: { name: 'A', email: `a@${slug}.test` } } }));
      await ok(await call('POST', `/v1/platform/tenants/${created.id as string}/suspend`, { token, body: { reason: 'Contract beëindigd' } }), 200);
      return { params: { tenantId: created.id as string } };
    },
  },
};

/** A call-up from tenant A's admin to themself (sent now, or scheduled). */
export async function sendCallUpIn(a: OnboardedTenant, scheduledAt?: string): Promise<string> {
  const body = { title: 'Opkomst', body: 'Kom naar de crisiskamer.', answerOptions: ['beschikbaar', 'niet beschikbaar'], audience: { userIds: [a.adminId] }, ...(scheduledAt ? { scheduledAt } : {}) };
  return (await ok(await call('POST', '/v1/messages', { token: a.adminToken, body }))).id as string;
}
export const MESSAGE_TEMPLATE = { name: 'Opkomst crisisteam', title: 'Opkomst: {{incident.title}}', body: 'Kom naar {{incident.location}}.', priority: 'urgent', answerOptions: ['beschikbaar', 'niet beschikbaar'] };

export async function messageTemplateIn(a: OnboardedTenant, body: Record<string, unknown> = MESSAGE_TEMPLATE): Promise<string> {
  return (await ok(await call('POST', '/v1/message-templates', { token: a.adminToken, body }))).id as string;
}
// ---- end of messaging ----

export const BREACH = { title: 'Laptop gestolen', description: 'Onversleutelde laptop met de telefoonlijst van het crisisteam.', foundAt: '2026-11-20T08:00:00.000Z', dataCategories: ['naam', 'telefoonnummer'], peopleAffected: 12 };
export const PROCESSING = { activity: 'Alarmering crisisteam', purpose: 'Crisisteamleden oproepen', dataCategories: ['naam', 'telefoonnummer'], legalBasis: 'legitimate_interest', retention: '6 maanden na uitdiensttreding', responsible: 'FG' };

async function createBreachIn(a: OnboardedTenant): Promise<string> {
  return (await ok(await call('POST', '/v1/privacy/breaches', { token: a.adminToken, body: BREACH }))).id as string;
}

async function createProcessingIn(a: OnboardedTenant): Promise<string> {
  return (await ok(await call('POST', '/v1/privacy/processing-activities', { token: a.adminToken, body: PROCESSING }))).id as string;
}

export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

export async function freshToken(slug: string, email: string): Promise<string> {
  return signIn(slug, email);
}
