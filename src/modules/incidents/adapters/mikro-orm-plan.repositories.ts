import { OrmRepository, TenantOwnedRepository } from '../../../platform/database/orm-repository.js';
import { SituationPictureVersion } from '../domain/situation-picture.js';
import { IncidentTemplate } from '../domain/template.js';
import type { SituationPictureRepository, TemplateRepository } from '../ports.js';

export class MikroOrmTemplateRepository extends TenantOwnedRepository<IncidentTemplate> implements TemplateRepository {
  protected readonly entity = IncidentTemplate;

  byKey(tenantId: string, key: string): Promise<IncidentTemplate | null> {
    return this.uow.em().findOne(IncidentTemplate, { tenantId, key });
  }

  list(tenantId: string): Promise<IncidentTemplate[]> {
    return this.uow.em().find(IncidentTemplate, { tenantId }, { orderBy: { name: 'asc', id: 'asc' }, limit: 500 });
  }

  save(template: IncidentTemplate): void {
    this.uow.em().persist(template);
  }

  remove(template: IncidentTemplate): void {
    this.uow.em().remove(template);
  }
}

export class MikroOrmSituationPictureRepository extends OrmRepository<SituationPictureVersion> implements SituationPictureRepository {
  protected readonly entity = SituationPictureVersion;

  versions(tenantId: string, incidentId: string): Promise<SituationPictureVersion[]> {
    return this.uow.em().find(SituationPictureVersion, { tenantId, incidentId }, { orderBy: { version: 'asc' } });
  }

  byAuthor(tenantId: string, userId: string): Promise<SituationPictureVersion[]> {
    return this.uow.em().find(SituationPictureVersion, { tenantId, authorId: userId }, { orderBy: { createdAt: 'asc' } });
  }

  async pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    // The application role may change only this column of the append-only table (see bootstrap).
    await this.uow.em().nativeUpdate(SituationPictureVersion, { tenantId, authorId: userId }, { authorName: pseudonym });
  }
}
