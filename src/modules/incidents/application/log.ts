import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { IncidentClosed, InvalidIncidentInput } from '../domain/incident.errors.js';
import { linkFrame, linkHash } from './chain-hash.js';
import { CHAIN_ALGORITHM, CHAIN_CANONICALIZATION, verifyChain, type ChainVerdict } from '../domain/log-chain.js';
import { LogEntry, type EntryMedia } from '../domain/log-entry.js';
import type { LogQuery } from '../ports.js';
import { nameOf, participate, privilegedViewer, viewIncident, type ContributionRefused, type IncidentView, type OfflinePost } from './access.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { IncidentsDeps } from './deps.js';

/** The next change number of an open incident; refuses when it was closed meanwhile (the lock makes that exact). */
async function nextChange(d: Pick<IncidentsDeps, 'incidents'>, view: IncidentView): Promise<Result<{ seq: number; head: string | null }, IncidentClosed>> {
  const open = view.incident.assertOpen();
  if (!open.ok) return open;
  const next = await d.incidents.nextSeq(view.incident.tenantId, view.incident.id);
  return next === null ? fail(new IncidentClosed()) : ok(next);
}

export class PostLogEntry {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'people' | 'media' | 'live' | 'clock'>) {}

  async execute(command: {
    actor: Actor;
    incidentId: string;
    text: string;
    mediaIds: string[];
    classification: string | null;
    labels: string[];
    correctsId: string | null;
  } & OfflinePost): Promise<Result<{ entry: LogEntry; replayed: boolean }, ContributionRefused>> {
    const { actor } = command;
    // Read as copies: a post changes neither the incident nor the membership (appendNext() locks and checks the incident itself).
    const view = await participate(this.d, actor, command.incidentId, { readOnly: true });
    if (!view.ok) return view;
    const { member, userId } = view.value;
    const byClient = command.clientId ? () => this.d.log.byClientId(actor.tenantId, userId, command.clientId!) : null;
    if (byClient) {
      const replay = await replayed(byClient, command.incidentId);
      if (replay) return replay;
    }
    // Everything that does not need the chain head comes first: posts to one incident wait for
    // each other only from the statement that takes the head to the commit.
    const corrects = command.correctsId ? await this.d.log.byId(actor.tenantId, command.incidentId, command.correctsId, { readOnly: true }) : null;
    if (command.correctsId && !corrects) return fail(new InvalidIncidentInput('correctsId', 'is not an entry of this incident'));
    const media = await authorsFiles(this.d, actor.tenantId, userId, command.mediaIds);
    if (!media.ok) return media;
    const open = view.value.incident.assertOpen();
    if (!open.ok) return open;
    const drafted = LogEntry.draft(
      {
        tenantId: actor.tenantId,
        incidentId: command.incidentId,
        author: { id: userId, name: member?.name ?? (await nameOf(this.d, actor.tenantId, userId)), teamId: member?.teamId ?? null, teamName: member?.teamName ?? null, role: member?.role ?? null },
        text: command.text,
        media: media.value,
        classification: command.classification,
        labels: command.labels,
        corrects,
        clientId: command.clientId ?? null,
        observedAt: command.observedAt ?? null,
      },
      view.value.setup,
      this.d.clock.now(),
    );
    if (!drafted.ok) return drafted;
    const entry = drafted.value;
    if (byClient) {
      // Under the incident's lock a concurrent post with the same client id has either committed
      // (and is found now) or not started: exactly one of them posts.
      await this.d.incidents.lockTeam(actor.tenantId, command.incidentId);
      const late = await replayed(byClient, command.incidentId);
      if (late) return late;
    }
    const placed = await this.d.log.appendNext(entry, linkFrame(entry.link()));
    if (!placed) return fail(new IncidentClosed());
    entry.placeInChain(placed.seq, placed.prevHash, linkHash);
    // PostgreSQL hashed the text this process framed, and the commit may have gone with it: a link
    // this process cannot recompute fails the request loudly (the entry itself is not lost).
    if (entry.hash !== placed.hash) throw new Error(`log chain: the database hashed link ${placed.seq} as ${placed.hash}, the application as ${entry.hash}`);
    this.d.live.announce(actor.tenantId, command.incidentId, placed.seq);
    return ok({ entry, replayed: false });
  }
}

/**
 * The files a post attaches, each once: only files its author uploaded, as attaching someone else's
 * file would open it to the whole incident. Shared by log entries and chat messages.
 */
export async function authorsFiles(d: Pick<IncidentsDeps, 'media'>, tenantId: string, authorId: string, mediaIds: string[]): Promise<Result<EntryMedia[], InvalidIncidentInput>> {
  const uploadedByAuthor = new Map((await d.media.describe(tenantId, mediaIds)).filter((m) => m.createdBy === authorId).map((m) => [m.id, m]));
  const files: EntryMedia[] = [];
  for (const id of new Set(mediaIds)) {
    const file = uploadedByAuthor.get(id);
    if (!file) return fail(new InvalidIncidentInput('mediaIds', `has ${id}, which is not a file you uploaded`));
    files.push({ id: file.id, kind: file.kind, mimeType: file.mimeType, name: file.originalName });
  }
  return ok(files);
}

/**
 * A retry of a post that already happened (same author and client id): its first result. A client
 * id of another incident's post is a client's mistake, not a retry.
 */
export async function replayed<T extends { incidentId: string }>(find: () => Promise<T | null>, incidentId: string): Promise<Result<{ entry: T; replayed: true }, InvalidIncidentInput> | null> {
  const found = await find();
  if (!found) return null;
  if (found.incidentId !== incidentId) return fail(new InvalidIncidentInput('clientId', 'was used for a post in another incident'));
  return ok({ entry: found, replayed: true });
}

export type LogFilter = Omit<LogQuery, 'visibleTo' | 'limit' | 'afterChange' | 'afterSeq'> & { after?: number; limit?: number };

/** What of the log this viewer may see: everything, or (where the tenant says so) their team's entries, their own and the overview. */
function visibility(view: IncidentView, actor: Actor): Pick<LogQuery, 'visibleTo'> {
  // An integration always sees all (see viewIncident); the check only tells the type so.
  if (view.seesAll || actor.actorType === 'api_key') return {};
  return { visibleTo: { userId: actor.userId, teamIds: view.member?.teamId ? [view.member.teamId] : [] } };
}

export class ListLogEntries {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'clock'>) {}

  async execute(query: { actor: Actor; incidentId: string; filter: LogFilter }): Promise<Result<LogEntry[], NotFound>> {
    const { actor, incidentId } = query;
    const { after, limit, ...filter } = query.filter;
    const page = (visible: Pick<LogQuery, 'visibleTo'>) =>
      this.d.log.list(actor.tenantId, incidentId, { ...filter, ...visible, ...(after !== undefined ? { afterSeq: after } : {}), limit: limit ?? 200 });
    // Who sees everything needs nothing of the view to read the page: both are asked for at once
    // (one round trip), and the page is dropped unread when the view refuses.
    const whole = privilegedViewer(actor) ? page({}) : null;
    // Its failure is the view's too (one round trip), which is what answers then.
    void whole?.catch(() => undefined);
    // A query: nothing of the incident changes, so it is read as copies the commit need not check.
    const view = await viewIncident(this.d, actor, incidentId, { readOnly: true });
    if (!view.ok) return view;
    return ok(await (whole ?? page(visibility(view.value, actor))));
  }
}

/** The situation overview: the entries the coordinator marked important, which every linked member sees. */
export class GetSituationOverview {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'clock'>) {}

  async execute(query: { actor: Actor; incidentId: string }): Promise<Result<LogEntry[], NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    return ok(await this.d.log.list(query.actor.tenantId, query.incidentId, { important: true, limit: 1000 }));
  }
}

export class MarkLogEntry {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'live' | 'clock'>) {}

  async execute(command: { actor: Actor; incidentId: string; entryId: string; important: boolean; summary: string | null }): Promise<Result<LogEntry, NotFound | IncidentClosed>> {
    const { actor } = command;
    const view = await viewIncident(this.d, actor, command.incidentId);
    if (!view.ok) return view;
    const entry = await this.d.log.byId(actor.tenantId, command.incidentId, command.entryId);
    if (!entry) return fail(new NotFound('Log entry'));
    const seq = await nextChange(this.d, view.value);
    if (!seq.ok) return seq;
    const mark = entry.mark({ important: command.important, summary: command.summary, by: actor.actorId, changeSeq: seq.value.seq, prevHash: seq.value.head }, this.d.clock.now(), linkHash);
    await this.d.log.appendMark(mark);
    this.d.log.save(entry);
    this.d.live.announce(actor.tenantId, command.incidentId, seq.value.seq);
    return ok(entry);
  }
}

export type FeedView = 'feed' | 'overview';

/** Who follows a live feed and what they may see: decided when the stream opens, checked again on every heartbeat. */
export interface FeedSubscription {
  actor: Actor;
  tenantId: string;
  incidentId: string;
  view: FeedView;
  visibleTo: LogQuery['visibleTo'];
  /** The log's filters (as GET /entries), applied to what the feed sends. */
  filter: FeedFilter;
}

export type FeedFilter = Omit<LogFilter, 'after' | 'limit'>;

export interface FeedChange {
  changeSeq: number;
  entry: LogEntry;
  /** In the overview view: the entry left the overview (no longer important). */
  removed: boolean;
}

/**
 * The live feed, over server-sent events: opened once (with the caller's access checked), then
 * fed from the database by change number — on connect from the client's Last-Event-ID, and again
 * whenever any api process announces news — so a reconnect or a missed announcement loses nothing.
 *
 * An announcement wakes every follower of the incident in this process at once, and those who
 * see the same (coordinators, say) ask for the same page after the same change number: they
 * share one read instead of each making their own (a transaction and a query per follower per
 * post). A follower joins only a read that began after the newest announcement this process has
 * heard for the incident, so whatever woke it has been committed before that read began.
 */
export class LiveFeed {
  private readonly reads = new Map<string, { heard: number; entries: Promise<LogEntry[]> }>();
  /** Per incident: the highest change number announced to this process so far. */
  private readonly heard = new Map<string, number>();
  /** Per incident: the followers listening in this process (the `heard` entry goes with the last). */
  private readonly listening = new Map<string, number>();

  constructor(private readonly d: Pick<IncidentsDeps, 'inTenant' | 'incidents' | 'log' | 'live' | 'clock'>) {}

  async open(query: { actor: Actor; incidentId: string; view: FeedView; filter?: FeedFilter }): Promise<Result<FeedSubscription, NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    return ok({ actor: query.actor, tenantId: query.actor.tenantId, incidentId: query.incidentId, view: query.view, visibleTo: visibility(view.value, query.actor).visibleTo, filter: query.filter ?? {} });
  }

  /**
   * Whether the follower may still see the incident (unlinked members lose their feed), with what
   * they may see now (the organisation may have changed it); in a transaction of its own.
   */
  recheck(subscription: FeedSubscription): Promise<boolean> {
    return this.d.inTenant(subscription.tenantId, async () => {
      const view = await viewIncident(this.d, subscription.actor, subscription.incidentId);
      if (!view.ok) return false;
      subscription.visibleTo = visibility(view.value, subscription.actor).visibleTo;
      return true;
    });
  }

  /** Changes after `after`, oldest first, read in a transaction of their own (or shared, see above). */
  async changes(subscription: FeedSubscription, after: number, limit = 500): Promise<{ changes: FeedChange[]; scannedUpTo: number }> {
    const entries = await this.entriesAfter(subscription, after, limit);
    const changes = entries
      .filter((entry) => subscription.view === 'feed' || entry.important || entry.markedAt !== null)
      .map((entry) => ({ changeSeq: entry.changeSeq, entry, removed: subscription.view === 'overview' && !entry.important }));
    return { changes, scannedUpTo: entries.length === limit ? entries.at(-1)!.changeSeq : -1 };
  }

  async listen(subscription: FeedSubscription, listener: (changeSeq: number) => void): Promise<() => Promise<void>> {
    const incident = incidentKey(subscription);
    this.listening.set(incident, (this.listening.get(incident) ?? 0) + 1);
    const stop = await this.d.live.listen(subscription.tenantId, subscription.incidentId, (changeSeq) => {
      // Heard before any follower is woken, so none of them joins a read that began earlier.
      if (changeSeq > (this.heard.get(incident) ?? 0)) this.heard.set(incident, changeSeq);
      listener(changeSeq);
    });
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      const left = (this.listening.get(incident) ?? 1) - 1;
      if (left > 0) this.listening.set(incident, left);
      else {
        this.listening.delete(incident);
        this.heard.delete(incident);
      }
      await stop();
    };
  }

  private entriesAfter(subscription: FeedSubscription, after: number, limit: number): Promise<LogEntry[]> {
    const incident = incidentKey(subscription);
    // The same rows for the same filters and visibility; the view (feed or overview) is applied per follower.
    const key = `${incident}|${after}|${limit}|${JSON.stringify(subscription.filter)}|${JSON.stringify(subscription.visibleTo ?? null)}`;
    const heard = this.heard.get(incident) ?? 0;
    const running = this.reads.get(key);
    if (running && running.heard >= heard) return running.entries;
    const entries = this.d.inTenant(subscription.tenantId, () =>
      this.d.log.list(subscription.tenantId, subscription.incidentId, {
        ...subscription.filter,
        afterChange: after,
        ...(subscription.visibleTo ? { visibleTo: subscription.visibleTo } : {}),
        limit,
      }),
    );
    const read = { heard, entries };
    this.reads.set(key, read);
    const done = (): void => {
      if (this.reads.get(key) === read) this.reads.delete(key);
    };
    entries.then(done, done);
    return entries;
  }
}

function incidentKey(subscription: Pick<FeedSubscription, 'tenantId' | 'incidentId'>): string {
  return `${subscription.tenantId}|${subscription.incidentId}`;
}

export type LogVerification = ChainVerdict & { algorithm: string; canonicalization: string; checkedAt: Date };

/**
 * Recomputes the incident's log chain from what is stored and answers whether it holds, or the
 * first link that does not. Also checks that each entry's marking shows its latest mark link,
 * since those columns are the one part of an entry the application may still change.
 */
export class VerifyLogChain {
  constructor(private readonly d: Pick<IncidentsDeps, 'incidents' | 'log' | 'clock'>) {}

  async execute(query: { actor: Actor; incidentId: string }): Promise<Result<LogVerification, NotFound>> {
    const view = await viewIncident(this.d, query.actor, query.incidentId);
    if (!view.ok) return view;
    const { tenantId } = query.actor;
    const links = await this.d.log.chain(tenantId, query.incidentId);
    const head = await this.d.incidents.chainHead(tenantId, query.incidentId);
    const meta = { algorithm: CHAIN_ALGORITHM, canonicalization: CHAIN_CANONICALIZATION, checkedAt: this.d.clock.now() };
    const verdict = verifyChain(links, head, linkHash);
    if (!verdict.valid) return ok({ ...verdict, ...meta });
    const latestMark = new Map<string, { important: unknown; summary: unknown }>();
    for (const link of links) if (link.kind === 'mark') latestMark.set(link.id, link.content as { important: unknown; summary: unknown });
    for (const link of links) {
      if (link.kind !== 'entry' || !link.marking) continue;
      const shown = latestMark.get(link.id) ?? { important: false, summary: null };
      if (shown.important !== link.marking.important || shown.summary !== link.marking.summary) {
        return ok({ valid: false, links: verdict.links, head: verdict.head, broken: { seq: link.seq, kind: 'entry', id: link.id, reason: 'mark_projection' }, ...meta });
      }
    }
    return ok({ ...verdict, ...meta });
  }
}
