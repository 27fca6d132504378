import { expect } from 'chai';
import pg from 'pg';
import { MikroOrmContentRepository } from '../../src/modules/content/adapters/mikro-orm-content.repositories.js';
import { PublishedTreeCache } from '../../src/modules/content/adapters/published-tree-cache.js';
import type { ViewCandidate } from '../../src/modules/content/ports.js';
import { onboardTenant } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

/**
 * The published tree a process keeps is read again only in the parts that changed: after every
 * kind of change (an edit, unpublishing, publishing, deleting, a new item, the everyone link),
 * what a member's view is resolved from equals a tree read whole at that moment.
 */
describe('the published tree, read again after a change', () => {
  it('equals the tree read whole, after changes of every kind', async () => {
    const tenant = await onboardTenant();
    const owner = new pg.Client({ connectionString: env().database.ownerUrl });
    await owner.connect();
    try {
      // 300 items spread over all 256 parts of the tree (ids are random), a few under a draft folder.
      await owner.query(
        `insert into content_items (id, tenant_id, parent_id, kind, title, position, status, body, everyone, version, created_at, updated_at, published_at, deleted_at)
         select gen_random_uuid(), $1, null, 'page', 'Pagina ' || n, n, case when n % 7 = 0 then 'draft' else 'published' end,
                jsonb_build_object('markdown', 'Tekst ' || n), n % 3 = 0, 1, now(), now(), now(), null
           from generate_series(1, 300) as n`,
        [tenant.id],
      );
      const cache = new PublishedTreeCache(10);
      const kept = new MikroOrmContentRepository(env().platform.uow, cache);
      const whole = () => new MikroOrmContentRepository(env().platform.uow, new PublishedTreeCache(0));
      const candidates = (repository: MikroOrmContentRepository) =>
        env().platform.uow.run(tenant.id, () => repository.viewCandidates(tenant.id, tenant.adminId, []));
      const shape = (view: { byId: ReadonlyMap<string, ViewCandidate>; direct: Set<string> }) => ({
        items: [...view.byId.values()].map((i) => [i.id, i.version, i.title, i.parentId, i.position, JSON.stringify(i.body), i.updatedAt.toISOString()].join('|')).sort(),
        direct: [...view.direct].sort(),
      });
      const one = `(select id from content_items where tenant_id = $1 and deleted_at is null order by random() limit 1)`;
      const changes = [
        `update content_items set title = title || ' (bijgewerkt)', body = body || '{"extra": 1}', version = version + 1 where tenant_id = $1 and id = ${one}`,
        `update content_items set status = 'draft', version = version + 1 where tenant_id = $1 and id = (select id from content_items where tenant_id = $1 and status = 'published' and deleted_at is null order by random() limit 1)`,
        `update content_items set status = 'published', version = version + 1 where tenant_id = $1 and id = (select id from content_items where tenant_id = $1 and status = 'draft' and deleted_at is null order by random() limit 1)`,
        `update content_items set deleted_at = now(), version = version + 1 where tenant_id = $1 and id = ${one}`,
        `update content_items set everyone = not everyone, version = version + 1 where tenant_id = $1 and id = ${one}`,
        `insert into content_items (id, tenant_id, parent_id, kind, title, position, status, body, everyone, version, created_at, updated_at, published_at, deleted_at)
         values (gen_random_uuid(), $1, null, 'page', 'Nieuw', 999, 'published', '{"markdown": "Nieuw"}', true, 1, now(), now(), now(), null)`,
        `update content_items set position = position + 1, version = version + 1 where tenant_id = $1 and id in (select id from content_items where tenant_id = $1 order by random() limit 5)`,
      ];
      expect(shape(await candidates(kept))).to.deep.equal(shape(await candidates(whole())));
      for (let round = 0; round < 3 * changes.length; round++) {
        const before = cache.latest(tenant.id);
        await owner.query(changes[round % changes.length]!, [tenant.id]);
        expect(shape(await candidates(kept)), `after change ${round}`).to.deep.equal(shape(await candidates(whole())));
        // Read in parts, not whole: the items of the parts that did not change are the very same objects.
        const after = cache.latest(tenant.id);
        const reused = [...(after?.byId.values() ?? [])].filter((item) => before?.byId.get(item.id) === item).length;
        expect(reused, `after change ${round}`).to.be.greaterThan((after?.byId.size ?? 0) / 2);
      }
    } finally {
      await owner.end();
    }
  });
});
