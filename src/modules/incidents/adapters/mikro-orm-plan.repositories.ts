import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { SituationPictureVersion } from '../domain/situation-picture.js';
import { IncidentTemplate } from '../domain/template.js';
import type { SituationPictureRepository, TemplateRepository } from '../ports.js';

export class MikroOrmTemplateRepository implements TemplateRepository {
  constructor(private readonly uow: UnitOfWork) {}

  byId(tenantId: string, id: string): Promise<IncidentTemplate | null> {
    return this.uow.em().findOne(IncidentTemplate, { tenantId, id });
  }

  byKey(tenantId: string, key: string): Promise<IncidentTemplate | null> {
    return this.uow.em().findOne(IncidentTemplate, { tenantId, key });
  }

  list(tenantId: string): Promise<IncidentTemplate[]> {
    return this.uow.em().find(IncidentTemplate, { tenantId }, { orderBy: { name: 'asc', id: 'asc' }, limit: 500 });
  }

  add(template: IncidentTemplate): void {
    this.uow.em().persist(template);
  }

  save(template: IncidentTemplate): void {
    this.uow.em().persist(template);
  }

  remove(template: IncidentTemplate): void {
    this.uow.em().remove(template);
  }
}

export class MikroOrmSituationPictureRepository implements SituationPictureRepository {
  constructor(private readonly uow: UnitOfWork) {}

  versions(tenantId: string, incidentId: string): Promise<SituationPictureVersion[]> {
    return this.uow.em().find(SituationPictureVersion, { tenantId, incidentId }, { orderBy: { version: 'asc' } });
  }

  byAuthor(tenantId: string, userId: string): Promise<SituationPictureVersion[]> {
    return this.uow.em().find(SituationPictureVersion, { tenantId, authorId: userId }, { orderBy: { createdAt: 'asc' } });
  }

  add(version: SituationPictureVersion): void {
    this.uow.em().persist(version);
  }

  async pseudonymiseAuthor(tenantId: string, userId: string, pseudonym: string): Promise<void> {
    // The application role may change only this column of the append-only table (see bootstrap).
    await this.uow.em().nativeUpdate(SituationPictureVersion, { tenantId, authorId: userId }, { authorName: pseudonym });
  }
}
