import type { DataSubject, PersonalDataHolder } from '../../../platform/privacy/personal-data.js';
import type { IncidentsDeps } from './deps.js';

/**
 * What the log tool holds about a person: the entries they posted, the actions they created, were
 * assigned, changed or completed, and the incidents they took part in. Erasure keeps the entries
 * and actions as evidence but puts the pseudonym where their name was: names are kept only in
 * these name columns (never inside texts we write), so afterwards nothing shows the person's name.
 */
export class LogEntriesHolder implements PersonalDataHolder {
  readonly category = 'log_entries';
  constructor(private readonly d: Pick<IncidentsDeps, 'log'>) {}

  async exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    return (await this.d.log.byAuthor(subject.tenantId, subject.userId)).map((e) => ({
      incidentId: e.incidentId,
      entryId: e.id,
      seq: e.seq,
      postedAt: e.createdAt.toISOString(),
      author: e.authorName,
      team: e.authorTeamName,
      role: e.authorRole,
      text: e.text,
      classification: e.classification,
      labels: e.labels.join(', '),
      media: e.media.map((m) => m.name ?? m.id).join(', '),
      correctsId: e.correctsId,
    }));
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    await this.d.log.pseudonymiseAuthor(subject.tenantId, subject.userId, subject.pseudonym);
  }
}

export class IncidentActionsHolder implements PersonalDataHolder {
  readonly category = 'incident_actions';
  constructor(private readonly d: Pick<IncidentsDeps, 'actions'>) {}

  /** One row per involvement: created, assignee (it was theirs), and every change they made (assigned, started, completed, ...). */
  async exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (const action of await this.d.actions.involving(subject.tenantId, subject.userId)) {
      const base = { incidentId: action.incidentId, actionId: action.id, title: action.title, status: action.status };
      if (action.createdBy === subject.userId) rows.push({ ...base, involvement: 'created', at: action.createdAt.toISOString() });
      if (action.assignee?.userId === subject.userId) rows.push({ ...base, involvement: 'assignee', at: null });
      else if (action.history.some((event) => event.aboutId === subject.userId)) rows.push({ ...base, involvement: 'was_assignee', at: null });
      for (const event of action.history) {
        if (event.byId === subject.userId && event.change !== 'created') rows.push({ ...base, involvement: event.change, at: event.at });
      }
    }
    return rows;
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    for (const action of await this.d.actions.involving(subject.tenantId, subject.userId)) {
      if (action.createdBy === subject.userId) action.createdByName = subject.pseudonym;
      if (action.completedBy === subject.userId) action.completedByName = subject.pseudonym;
      if (action.assignee?.userId === subject.userId) action.assignee = { ...action.assignee, name: subject.pseudonym };
      // Lines they wrote, and lines that name them (as the one assigned, then or now).
      action.history = action.history.map((event) => ({
        ...event,
        ...(event.byId === subject.userId ? { byName: subject.pseudonym } : {}),
        ...(event.aboutId === subject.userId ? { detail: subject.pseudonym } : {}),
      }));
      this.d.actions.save(action);
    }
  }
}

export class IncidentParticipationsHolder implements PersonalDataHolder {
  readonly category = 'incident_participations';
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents'>) {}

  async exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    return (await this.d.incidents.participationsOf(subject.tenantId, subject.userId)).map((m) => ({
      incidentId: m.incidentId,
      name: m.name,
      team: m.teamName,
      role: m.role,
      linkedAt: m.linkedAt.toISOString(),
      removedAt: m.removedAt?.toISOString() ?? null,
    }));
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    await this.d.incidents.pseudonymiseMember(subject.tenantId, subject.userId, subject.pseudonym);
  }
}

/** Situation-picture versions a person saved: kept as evidence, their name replaced by the pseudonym on erasure. */
export class SituationPicturesHolder implements PersonalDataHolder {
  readonly category = 'situation_pictures';
  constructor(private readonly d: Pick<IncidentsDeps, 'pictures'>) {}

  async exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    return (await this.d.pictures.byAuthor(subject.tenantId, subject.userId)).map((v) => ({
      incidentId: v.incidentId,
      version: v.version,
      savedAt: v.createdAt.toISOString(),
      author: v.authorName,
      template: v.templateName,
      sections: v.sections.map((s) => `${s.title}: ${s.text}`).join('\n'),
    }));
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    await this.d.pictures.pseudonymiseAuthor(subject.tenantId, subject.userId, subject.pseudonym);
  }
}

/** The chat messages a person wrote: kept with the incident, under the pseudonym once they are erased. */
export class ChatMessagesHolder implements PersonalDataHolder {
  readonly category = 'incident_chat_messages';
  constructor(private readonly d: Pick<IncidentsDeps, 'chat'>) {}

  async exportSubject(subject: DataSubject): Promise<Record<string, unknown>[]> {
    return (await this.d.chat.byAuthor(subject.tenantId, subject.userId)).map((m) => ({
      incidentId: m.incidentId,
      messageId: m.id,
      seq: m.seq,
      postedAt: m.createdAt.toISOString(),
      observedAt: m.observedAt?.toISOString() ?? null,
      author: m.authorName,
      text: m.text,
      media: m.media.map((file) => file.name ?? file.id).join(', '),
      promotedEntryId: m.promotedEntryId,
    }));
  }

  async eraseSubject(subject: DataSubject & { pseudonym: string }): Promise<void> {
    await this.d.chat.pseudonymiseAuthor(subject.tenantId, subject.userId, subject.pseudonym);
  }
}
