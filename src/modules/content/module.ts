import { Router } from 'express';
import type { SpoolBudget } from '../../platform/http/multipart.js';
import { ContainerModule } from 'inversify';
import type { AuditLog } from '../../platform/audit/audit-log.js';
import type { PlatformModule } from '../../platform/container/platform-module.js';
import { PLATFORM } from '../../platform/container/tokens.js';
import type { UnitOfWork } from '../../platform/database/unit-of-work.js';
import type { Clock } from '../../platform/domain/clock.js';
import type { Endpoints } from '../../platform/http/endpoint.js';
import type { PeopleDirectory } from '../users/application/people-directory.js';
import { USERS_APP } from '../users/application/tokens.js';
import { TENANTS_APP } from '../tenants/application/tokens.js';
import type { TenantLookup } from '../tenants/application/tenant-lookup.js';
import { contentEntities } from './adapters/content.schema.js';
import { MikroOrmContactRepository, MikroOrmContentRepository, MikroOrmMediaRepository, MikroOrmSyncSnapshotRepository } from './adapters/mikro-orm-content.repositories.js';
import type { Config } from '../../platform/config/config.js';
import type { FileTypeDetector, ImageProcessor, ObjectStorage } from '../../platform/media/ports.js';
import { FileLinks, GetMedia, ListMedia, MediaFiles, OpenFile, ShareLogo, UploadMedia } from './application/media.js';
import { GetContentReach } from './application/reach.js';
import { CONTENT_MEDIA, type MediaAccessDecider } from './application/media-access.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { TenantLogoChanged } from '../tenants/domain/events.js';
import { mediaRouter, uploadReceiver } from './http/media.router.js';
import { GetItemLink, ItemLinks, OpenItemLink } from './application/item-links.js';
import { itemLinksRouter } from './http/item-links.router.js';
import path from 'node:path';
import { peopleFrom } from './adapters/people.js';
import { PublishedTreeCache } from './adapters/published-tree-cache.js';
import { ChangePublication, CreateContentItem, DeleteContentItem, GetContentItem, ListContentItems, ListContentOutline, MoveContentItem, SetContentAudience, UpdateContentItem } from './application/content-items.js';
import { CreateContact, DeleteContact, GetContact, ListContacts, TouchListsShowingUser, UpdateContact } from './application/contacts.js';
import type { UserProfileChanged } from '../users/domain/events.js';
import type { ContentDeps } from './application/deps.js';
import { GetMyContent, PreviewUserContent, SearchMyContent, UserViews } from './application/member-view.js';
import { contactsRouter } from './http/contacts.router.js';
import { contentItemsRouter } from './http/content-items.router.js';
import { contentPlacementRouter } from './http/content-placement.router.js';
import { memberContentRouter } from './http/member-content.router.js';
import { ContactPrivacy, ContentAppearancesHolder } from './application/privacy.js';
import { CONTENT_PUBLIC } from './application/tokens.js';
import { PlanReader } from './application/plans.js';
import { PERSONAL_DATA, type PersonalDataHolder } from '../../platform/privacy/personal-data.js';
import { problemsOf } from '../../platform/domain/errors.js';
import * as contentErrors from './domain/content.errors.js';
import type { ContentHttpDeps } from './http/content-http.js';

const CONTENT_TREE_CACHE = Symbol.for('content.PublishedTreeCache');

export const CONTENT_APP = {
  Deps: Symbol.for('content.Deps'),
  UserViews: Symbol.for('content.UserViews'),
} as const;

const bindings = new ContainerModule(({ bind }) => {
  bind<PublishedTreeCache>(CONTENT_TREE_CACHE)
    .toResolvedValue((config: Config) => new PublishedTreeCache(config.CONTENT_TREE_CACHE_TENANTS), [PLATFORM.Config])
    .inSingletonScope();
  bind<ContentDeps>(CONTENT_APP.Deps)
    .toResolvedValue(
      (
        uow: UnitOfWork,
        clock: Clock,
        audit: AuditLog,
        people: PeopleDirectory,
        storage: ObjectStorage,
        images: ImageProcessor,
        fileTypes: FileTypeDetector,
        fileLinkSecret: string,
        config: Config,
        tenants: TenantLookup,
        publishedTrees: PublishedTreeCache,
      ): ContentDeps => ({
        items: new MikroOrmContentRepository(uow, publishedTrees),
        contacts: new MikroOrmContactRepository(uow),
        snapshots: new MikroOrmSyncSnapshotRepository(uow),
        media: new MikroOrmMediaRepository(uow),
        people: peopleFrom(people),
        language: { of: async (tenantId) => ((await tenants.byId(tenantId))?.locale.startsWith('nl') ? 'dutch' : 'english') },
        storage,
        images,
        fileTypes,
        clock,
        audit,
        settings: { fileLinkSecret, fileLinkTtlSeconds: config.FILE_LINK_TTL_SECONDS },
      }),
      [
        PLATFORM.UnitOfWork,
        PLATFORM.Clock,
        PLATFORM.AuditLog,
        USERS_APP.PeopleDirectory,
        PLATFORM.ObjectStorage,
        PLATFORM.ImageProcessor,
        PLATFORM.FileTypeDetector,
        PLATFORM.FileLinkSecret,
        PLATFORM.Config,
        TENANTS_APP.TenantLookup,
        CONTENT_TREE_CACHE,
      ],
    )
    .inSingletonScope();
  const useCase = <T>(id: symbol, make: (d: ContentDeps) => T) => bind<T>(id).toResolvedValue(make, [CONTENT_APP.Deps]).inSingletonScope();
  useCase(CONTENT_MEDIA.MediaFiles, (d) => new MediaFiles(d));
  useCase(CONTENT_MEDIA.UploadMedia, (d) => new UploadMedia(d));
  useCase<UserViews>(CONTENT_APP.UserViews, (d) => new UserViews(d));
  // Privacy: contacts for exports, retention and erasure; a user's appearances in content.
  useCase(CONTENT_PUBLIC.ContactPrivacy, (d) => new ContactPrivacy(d));
  useCase(CONTENT_PUBLIC.PlanReader, (d) => new PlanReader(d));
  useCase<PersonalDataHolder>(PERSONAL_DATA.Holder, (d) => new ContentAppearancesHolder(d));
});

export const contentModule: PlatformModule = {
  problems: problemsOf(contentErrors),
  name: 'content',
  entities: contentEntities,
  bindings,
  subscriptions: (container) => {
    const share = new ShareLogo(container.get<ContentDeps>(CONTENT_APP.Deps));
    const touchLists = new TouchListsShowingUser(container.get<ContentDeps>(CONTENT_APP.Deps));
    const events = container.get<EventBus>(PLATFORM.EventBus);
    events.subscribe<TenantLogoChanged>('tenant.logo_changed', (event) => share.handle(event));
    events.subscribe<UserProfileChanged>('user.profile_changed', (event) => touchLists.handle(event));
  },
  beforeValidation: (container) =>
    uploadReceiver(container.get<ContentDeps>(CONTENT_APP.Deps), container.get<Endpoints>(PLATFORM.Endpoints), path.resolve(container.get<Config>(PLATFORM.Config).DATA_DIR, 'tmp'), container.get<SpoolBudget>(PLATFORM.UploadSpool)),
  router: (container) => {
    const d = container.get<ContentDeps>(CONTENT_APP.Deps);
    const views = container.get<UserViews>(CONTENT_APP.UserViews);
    const links = new FileLinks(d, views, () => (container.isBound(CONTENT_MEDIA.AccessDecider) ? container.getAll<MediaAccessDecider>(CONTENT_MEDIA.AccessDecider) : []));
    const itemLinks = new ItemLinks(d, views);
    const deps: ContentHttpDeps = {
      endpoints: container.get<Endpoints>(PLATFORM.Endpoints),
      validateResponses: container.get<Config>(PLATFORM.Config).VALIDATE_RESPONSES,
      getMyContent: new GetMyContent(d, views),
      searchMyContent: new SearchMyContent(d, views),
      previewUserContent: new PreviewUserContent(d, views),
      listItems: new ListContentItems(d),
      outline: new ListContentOutline(d),
      getItem: new GetContentItem(d),
      createItem: new CreateContentItem(d),
      updateItem: new UpdateContentItem(d),
      deleteItem: new DeleteContentItem(d),
      moveItem: new MoveContentItem(d),
      publish: new ChangePublication(d, true),
      unpublish: new ChangePublication(d, false),
      setAudience: new SetContentAudience(d),
      reach: new GetContentReach(d),
      createContact: new CreateContact(d),
      listContacts: new ListContacts(d),
      getContact: new GetContact(d),
      updateContact: new UpdateContact(d),
      deleteContact: new DeleteContact(d),
      uploadMedia: container.get<UploadMedia>(CONTENT_MEDIA.UploadMedia),
      getMedia: new GetMedia(d, links),
      listMedia: new ListMedia(d, links),
      openFile: new OpenFile(d, links),
      getItemLink: new GetItemLink(itemLinks),
      openItemLink: new OpenItemLink(itemLinks),
    };
    return Router().use(memberContentRouter(deps), contentItemsRouter(deps), contentPlacementRouter(deps), contactsRouter(deps), mediaRouter(deps), itemLinksRouter(deps));
  },
};
