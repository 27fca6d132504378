import type { NotFound } from '../../../platform/domain/errors.js';
import { personalDataRead } from '../../../platform/audit/personal-data-read.js';
import { ok, type Result } from '../../../platform/domain/result.js';
import { linkHash } from './chain-hash.js';
import { CHAIN_ALGORITHM, CHAIN_CANONICALIZATION, verifyChain } from '../domain/log-chain.js';
import type { LogEntry } from '../domain/log-entry.js';
import type { IncidentReport, ReportEntry } from '../domain/report.js';
import { pictureVersionRecord, verifyPictureChain } from '../domain/situation-picture.js';
import { viewIncident } from './access.js';
import { pictureHash } from './picture-hash.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';

type Deps = Pick<IncidentsDeps, 'incidents' | 'setups' | 'log' | 'actions' | 'chat' | 'pictures' | 'tenants' | 'media' | 'renderer' | 'clock' | 'audit'>;

async function pictureOf(d: Pick<Deps, 'pictures'>, tenantId: string, incidentId: string): Promise<IncidentReport['situationPicture']> {
  const versions = await d.pictures.versions(tenantId, incidentId);
  const verdict = verifyPictureChain(versions, pictureHash);
  return {
    template: versions[versions.length - 1]?.templateName ?? null,
    chain: { valid: verdict.valid, brokenAt: verdict.brokenAt },
    versions: versions.map(pictureVersionRecord),
  };
}

/**
 * The after-action report of an incident — timeline, situation overview, actions with who did
 * what when, participants and teams, the media list and the chat — as data; the PDF is drawn from it.
 * Showing the people involved, every report read is audited per person.
 */
export class BuildIncidentReport {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'actions' | 'pictures' | 'chat' | 'media' | 'tenants' | 'renderer' | 'clock' | 'audit'>) {}

  async execute(query: { actor: Actor; incidentId: string }): Promise<Result<IncidentReport, NotFound>> {
    const { actor } = query;
    const view = await viewIncident(this.d, actor, query.incidentId);
    if (!view.ok) return view;
    const { incident, setup } = view.value;
    const { tenantId } = actor;
    const [tenant, teams, members, entries, actions, chat] = [
      await this.d.tenants.of(tenantId),
      await this.d.incidents.teams(tenantId, incident.id),
      await this.d.incidents.members(tenantId, incident.id),
      await this.d.log.all(tenantId, incident.id),
      await this.d.actions.list(tenantId, incident.id),
      await this.d.chat.all(tenantId, incident.id),
    ];
    const seqOf = new Map(entries.map((e) => [e.id, e.seq]));
    const toEntry = (e: LogEntry): ReportEntry => ({
      seq: e.seq,
      at: e.createdAt.toISOString(),
      author: e.authorName,
      team: e.authorTeamName,
      role: e.authorRole ? setup.roleName(e.authorRole) : null,
      classification: e.classification ? (setup.classifications.find((c) => c.key === e.classification)?.name ?? e.classification) : null,
      labels: e.labels.map((key) => setup.labels.find((l) => l.key === key)?.name ?? key),
      text: e.text,
      important: e.important,
      summary: e.summary,
      correctsSeq: e.correctsId ? (seqOf.get(e.correctsId) ?? null) : null,
      mediaCount: e.media.length,
      hash: e.hash,
    });
    const timeline = entries.map(toEntry);
    const verdict = verifyChain(await this.d.log.chain(tenantId, incident.id), await this.d.incidents.chainHead(tenantId, incident.id), linkHash);
    const report: IncidentReport = {
      generatedAt: this.d.clock.now().toISOString(),
      chain: { valid: verdict.valid, links: verdict.links, head: verdict.head, algorithm: CHAIN_ALGORITHM, canonicalization: CHAIN_CANONICALIZATION },
      organisation: tenant?.name ?? '',
      incident: {
        id: incident.id,
        title: incident.title,
        type: setup.types.find((t) => t.key === incident.typeKey)?.name ?? incident.typeKey,
        severity: incident.severity,
        description: incident.description,
        location: incident.location,
        exercise: incident.exercise,
        status: incident.status,
        activatedAt: incident.activatedAt.toISOString(),
        closedAt: incident.closedAt?.toISOString() ?? null,
      },
      teams: teams.map((t) => ({ groupId: t.groupId, name: t.name, role: setup.roleName(t.role), linkedAt: t.linkedAt.toISOString(), removedAt: t.removedAt?.toISOString() ?? null })),
      participants: members.map((m) => ({ userId: m.userId, name: m.name, team: m.teamName, role: setup.roleName(m.role), linkedAt: m.linkedAt.toISOString(), removedAt: m.removedAt?.toISOString() ?? null })),
      overview: timeline.filter((e) => e.important),
      timeline,
      actions: actions.map((a) => ({
        id: a.id,
        title: a.title,
        description: a.description,
        assignee: a.assignee?.name ?? null,
        dueAt: a.dueAt?.toISOString() ?? null,
        status: a.status,
        createdBy: a.createdByName,
        createdAt: a.createdAt.toISOString(),
        completedBy: a.completedByName,
        completedAt: a.completedAt?.toISOString() ?? null,
        history: a.history,
      })),
      situationPicture: await pictureOf(this.d, tenantId, incident.id),
      media: entries.flatMap((e) => e.media.map((m) => ({ id: m.id, kind: m.kind, mimeType: m.mimeType, name: m.name, entrySeq: e.seq, postedBy: e.authorName, postedAt: e.createdAt.toISOString() }))),
      chat: chat.map((m) => ({ seq: m.seq, at: m.createdAt.toISOString(), author: m.authorName, text: m.text, mediaCount: m.media.length, promotedEntrySeq: m.promotedEntryId ? (seqOf.get(m.promotedEntryId) ?? null) : null })),
    };
    for (const member of members) {
      this.d.audit.record(personalDataRead({ ...actor }, { type: 'user', id: member.userId }, 'incident_report'));
    }
    return ok(report);
  }

  /** The organisation's logo for the PDF, when it has one (read inside the request's transaction). */
  async logo(tenantId: string): Promise<Buffer | null> {
    const tenant = await this.d.tenants.of(tenantId);
    return tenant?.logoMediaId ? this.d.media.imageBytes(tenantId, tenant.logoMediaId) : null;
  }

  /** The report as a PDF; needs no database, so it is drawn after the transaction has ended. */
  pdf(report: IncidentReport, logo: Buffer | null): Promise<Buffer> {
    return this.d.renderer.pdf(report, logo);
  }
}
