import path from 'node:path';
import { Router } from 'express';
import { ContainerModule } from 'inversify';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { Config } from '../../platform/config/config.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import { streamedUploads, type SpoolBudget } from '../../platform/http/multipart.js';
import type { LiveChannel } from '../../platform/live/live-channel.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { FileTypeDetector } from '../../platform/media/ports.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../platform/privacy/personal-data.js';
import { problemsOf } from '../../platform/domain/errors.js';
import { MAX_UPLOAD_BYTES, uploadLimit, type MediaFiles, type UploadMedia } from '../content/application/media.js';
import { CONTENT_MEDIA, type MediaAccessDecider } from '../content/application/media-access.js';
import type { TenantLookup } from '../tenants/application/tenant-lookup.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import type { PeopleDirectory } from '../users/application/people-directory.js';
import { USERS_APP } from '../users/application/tokens.js';
import { incidentEntities } from './adapters/incidents.schema.js';
import { ChannelLiveNews } from './adapters/live-news.js';
import { MikroOrmActionRepository, MikroOrmChatRepository, MikroOrmIncidentRepository, MikroOrmLogRepository, MikroOrmSetupRepository } from './adapters/mikro-orm-incidents.repositories.js';
import { mediaFrom, notifierFrom, peopleFrom, plansFrom, reachFrom, tenantProfileFrom, uploadsFrom } from './adapters/neighbours.js';
import { PdfkitReportRenderer } from './adapters/pdfkit-report-renderer.js';
import { ChatFeed, ListChatMessages, PostChatMessage, PromoteChatMessage } from './application/chat.js';
import { CreateIncidentAction, ListIncidentActions, UpdateIncidentAction } from './application/actions.js';
import type { IncidentsDeps } from './application/deps.js';
import { ActivateIncident, ChangeIncidentStatus, GetIncident, ListIncidents, PreviewIncidentReach } from './application/incidents.js';
import { GetSituationOverview, ListLogEntries, LiveFeed, MarkLogEntry, PostLogEntry, VerifyLogChain } from './application/log.js';
import { IncidentMediaAccess, UploadIncidentMedia } from './application/media.js';
import { ChatMessagesHolder, IncidentActionsHolder, IncidentParticipationsHolder, LogEntriesHolder, SituationPicturesHolder } from './application/personal-data.js';
import { BuildIncidentReport } from './application/report.js';
import { EnsureIncidentSetup, GetIncidentSetup, UpdateIncidentSetup } from './application/setup.js';
import { ChangeMemberRole, LinkParticipants, RemoveIncidentMember, RemoveIncidentTeam } from './application/team.js';
import { incidentActionsRouter } from './http/incident-actions.router.js';
import { incidentChatRouter } from './http/incident-chat.router.js';
import type { IncidentsHttpDeps } from './http/incident-http.js';
import { incidentLogRouter } from './http/incident-log.router.js';
import { incidentReportRouter } from './http/incident-report.router.js';
import { incidentSetupRouter } from './http/incident-setup.router.js';
import { incidentStreamsRouter } from './http/incident-streams.router.js';
import { incidentTeamRouter } from './http/incident-team.router.js';
import { incidentsRouter } from './http/incidents.router.js';
import { planRouter } from './http/plan.router.js';
import { ActivateFromPlan } from './application/activate-from-plan.js';
import { GetSituationPicture, SaveSituationPicture, SendSituationPicture } from './application/situation-picture.js';
import { CreateIncidentTemplate, DeleteIncidentTemplate, EnsureIncidentTemplates, ListIncidentTemplates, ReplaceIncidentTemplate } from './application/templates.js';
import { MikroOrmSituationPictureRepository, MikroOrmTemplateRepository } from './adapters/mikro-orm-plan.repositories.js';
import type { PlanReader } from '../content/application/plans.js';
import type { NotifyPeople } from '../messaging/application/notify-people.js';
import type { PreviewReach } from '../messaging/application/sender-view.js';
import type { MessageTemplateCatalogue } from '../messaging/application/templates.js';
import { MESSAGING_PUBLIC } from '../messaging/application/tokens.js';
import { CONTENT_PUBLIC } from '../content/application/tokens.js';
import { INCIDENTS_APP } from './application/tokens.js';
import * as incidentErrors from './domain/incident.errors.js';

export { INCIDENTS_APP };

const bindings = new ContainerModule(({ bind }) => {
  bind<IncidentsDeps>(INCIDENTS_APP.Deps)
    .toResolvedValue(
      (uow: UnitOfWork, clock: Clock, audit: AuditLog, notify: NotifyPeople, people: PeopleDirectory, files: MediaFiles, tenants: TenantLookup, channel: LiveChannel, logger: Logger, plans: PlanReader, reach: PreviewReach, messageTemplates: MessageTemplateCatalogue): IncidentsDeps => ({
        setups: new MikroOrmSetupRepository(uow),
        incidents: new MikroOrmIncidentRepository(uow),
        log: new MikroOrmLogRepository(uow),
        actions: new MikroOrmActionRepository(uow),
        templates: new MikroOrmTemplateRepository(uow),
        pictures: new MikroOrmSituationPictureRepository(uow),
        plans: plansFrom(plans, messageTemplates),
        chat: new MikroOrmChatRepository(uow),
        people: peopleFrom(people),
        reach: reachFrom(reach),
        media: mediaFrom(files),
        tenants: tenantProfileFrom(tenants),
        live: new ChannelLiveNews(channel, uow, logger),
        chatNews: new ChannelLiveNews(channel, uow, logger, 'incident-chat'),
        renderer: new PdfkitReportRenderer(),
        notifier: notifierFrom(notify),
        clock,
        audit,
        inTenant: (tenantId, work) => uow.run(tenantId, work),
      }),
      [PLATFORM.UnitOfWork, PLATFORM.Clock, PLATFORM.AuditLog, MESSAGING_PUBLIC.NotifyPeople, USERS_APP.PeopleDirectory, CONTENT_MEDIA.MediaFiles, TENANTS_APP.TenantLookup, PLATFORM.LiveChannel, PLATFORM.Logger, CONTENT_PUBLIC.PlanReader, MESSAGING_PUBLIC.PreviewReach, MESSAGING_PUBLIC.TemplateCatalogue],
    )
    .inSingletonScope();
  const useCase = <T>(id: symbol, make: (d: IncidentsDeps) => T) => bind<T>(id).toResolvedValue(make, [INCIDENTS_APP.Deps]).inSingletonScope();
  useCase(INCIDENTS_APP.EnsureIncidentSetup, (d) => new EnsureIncidentSetup(d));
  useCase(INCIDENTS_APP.EnsureIncidentTemplates, (d) => new EnsureIncidentTemplates(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new SituationPicturesHolder(d));
  useCase<MediaAccessDecider>(CONTENT_MEDIA.AccessDecider, (d) => new IncidentMediaAccess(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new LogEntriesHolder(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new IncidentActionsHolder(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new IncidentParticipationsHolder(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new ChatMessagesHolder(d));
});

/** Streams an incident upload to a temporary file before the contract check, as POST /v1/media does. */
function incidentUploadReceiver(fileTypes: FileTypeDetector, tempDir: string, spool: SpoolBudget, endpoints: Endpoints): Router {
  return streamedUploads('/v1/incidents/:incidentId/media', {
    tempDir,
    maxBytes: MAX_UPLOAD_BYTES,
    limitFor: (head) => uploadLimit({ fileTypes }, head),
    spool,
    admit: (req) => endpoints.admit(req, { permission: 'incidents.participate' }),
  });
}

export const incidentsModule: PlatformModule = {
  problems: problemsOf(incidentErrors),
  name: 'incidents',
  entities: incidentEntities,
  bindings,
  beforeValidation: (container) =>
    incidentUploadReceiver(
      container.get<FileTypeDetector>(PLATFORM.FileTypeDetector),
      path.resolve(container.get<Config>(PLATFORM.Config).DATA_DIR, 'tmp'),
      container.get<SpoolBudget>(PLATFORM.UploadSpool),
      container.get<Endpoints>(PLATFORM.Endpoints),
    ),
  router: (container) => {
    const d = container.get<IncidentsDeps>(INCIDENTS_APP.Deps);
    const endpoints = container.get<Endpoints>(PLATFORM.Endpoints);
    const plan = planRouter({
      endpoints,
      listTemplates: new ListIncidentTemplates(d),
      createTemplate: new CreateIncidentTemplate(d),
      replaceTemplate: new ReplaceIncidentTemplate(d),
      deleteTemplate: new DeleteIncidentTemplate(d),
      activate: new ActivateFromPlan(d),
      getPicture: new GetSituationPicture(d),
      savePicture: new SaveSituationPicture(d),
      sendPicture: new SendSituationPicture(d),
    });
    const deps: IncidentsHttpDeps = {
      endpoints,
      clock: d.clock,
      logger: container.get<Logger>(PLATFORM.Logger),
      getSetup: new GetIncidentSetup(d),
      updateSetup: new UpdateIncidentSetup(d),
      activate: new ActivateIncident(d),
      previewReach: new PreviewIncidentReach(d),
      list: new ListIncidents(d),
      get: new GetIncident(d),
      close: new ChangeIncidentStatus(d, 'close'),
      reopen: new ChangeIncidentStatus(d, 'reopen'),
      archive: new ChangeIncidentStatus(d, 'archive'),
      link: new LinkParticipants(d),
      removeTeam: new RemoveIncidentTeam(d),
      removeMember: new RemoveIncidentMember(d),
      changeRole: new ChangeMemberRole(d),
      post: new PostLogEntry(d),
      entries: new ListLogEntries(d),
      overview: new GetSituationOverview(d),
      mark: new MarkLogEntry(d),
      verify: new VerifyLogChain(d),
      feed: new LiveFeed(d),
      createAction: new CreateIncidentAction(d),
      updateAction: new UpdateIncidentAction(d),
      actions: new ListIncidentActions(d),
      report: new BuildIncidentReport(d),
      postChat: new PostChatMessage(d),
      chat: new ListChatMessages(d),
      chatFeed: new ChatFeed(d),
      promoteChat: new PromoteChatMessage(d),
      upload: new UploadIncidentMedia(d, uploadsFrom(container.get<UploadMedia>(CONTENT_MEDIA.UploadMedia))),
      heartbeatMs: container.get<Config>(PLATFORM.Config).LIVE_FEED_HEARTBEAT_SECONDS * 1000,
    };
    const routers = [incidentSetupRouter, incidentsRouter, incidentTeamRouter, incidentLogRouter, incidentStreamsRouter, incidentChatRouter, incidentActionsRouter, incidentReportRouter];
    return Router().use(plan, ...routers.map((router) => router(deps)));
  },
};
