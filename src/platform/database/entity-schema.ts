import { EntitySchema, ReferenceKind, type Constructor, type EntitySchemaMetadata, type MetadataStorage } from '@mikro-orm/core';

/**
 * A domain class as the ORM sees it. Domain classes keep their constructors private (they are made
 * through their factories), so TypeScript will not pass them as a Constructor; the ORM only
 * hydrates them from rows, which is what the private constructor allows anyway.
 */
function ormClass<T>(domainClass: { prototype: T }): Constructor<T> {
  return domainClass as unknown as Constructor<T>;
}

/** A uuid column of a table's primary key. */
export const keyUuid = { type: 'uuid', primary: true } as const;

/**
 * The key of a tenant-owned row, spread first into a schema's properties: (tenant_id, id), in
 * that order, so every primary key starts with the column Citus distributes by and a tenant's
 * rows sit together in the key's index (which also serves every lookup by tenant alone).
 */
export const tenantKey = {
  tenantId: keyUuid,
  id: keyUuid,
} as const;

/** A moment, stored with its zone (timestamptz) as every time of the platform is. */
export const timestamp = { type: 'datetime', columnType: 'timestamptz' } as const;

/** A moment that may not have come (yet): a sign-in never made, a message not sent. */
export const optionalTimestamp = { ...timestamp, nullable: true } as const;

/** When a row was made and last changed, spread among its columns where they stand. */
export const timestamps = { createdAt: timestamp, updatedAt: timestamp } as const;

/** A table's columns as the ORM's schema has them: every persisted property of T but those of Base. */
type Columns<T, Base = never> = NonNullable<EntitySchemaMetadata<T, Base>['properties']>;

/** What a table declares besides its columns: its indexes and unique constraints. */
export type TableOptions<T> = Pick<EntitySchemaMetadata<T>, 'indexes' | 'uniques'>;

/** A domain class, or the name of a row type the ORM has no class for (`MessageRecipient`). */
type Entity<T> = { prototype: T } | string;

interface TenantKeyed {
  tenantId: string;
  id: string;
}

/**
 * The schema of a table: its entity (class or row name), its name, its columns in their order
 * (the primary key among them) and its indexes and unique constraints.
 */
export function tableSchema<T>(entity: Entity<T>, tableName: string, properties: Columns<T>, options: TableOptions<T> = {}): EntitySchema<T> {
  return new EntitySchema<T>({ ...entityOf(entity), tableName, ...options, properties });
}

/**
 * The schema of a tenant-owned table keyed (tenant_id, id): tenantKey first, then the columns
 * given, which are every other column of the entity (the compiler checks they are all there).
 */
export function tenantOwnedSchema<T extends TenantKeyed>(entity: Entity<T>, tableName: string, columns: Columns<T, TenantKeyed>, options: TableOptions<T> = {}): EntitySchema<T> {
  return new EntitySchema<T, TenantKeyed>({ ...entityOf(entity), tableName, ...options, properties: { ...tenantKey, ...columns } });
}

function entityOf<T>(entity: Entity<T>) {
  return typeof entity === 'string' ? { name: entity } : { class: ormClass(entity) };
}

/**
 * A domain object made from a raw row for reading only: never managed by an entity manager, so
 * it costs no hydration, no identity-map entry and nothing for the commit to compare. Fields are
 * exactly those given; a use case that changes and saves an object loads it through the ORM.
 */
export function detachedCopy<T extends object>(domainClass: { prototype: T }, fields: { [K in keyof T]?: T[K] }): T {
  return Object.setPrototypeOf({ ...fields }, copyPrototype(domainClass.prototype)) as T;
}

const copyPrototypes = new WeakMap<object, object>();

/**
 * The prototype copies are made on: the class's own, with the setters the ORM puts on it for each
 * tracked property shadowed by plain values. Such a setter turns the property, on its first
 * assignment, into an accessor of the ORM's state of the object (a WrappedEntity made for it):
 * most of what a page of copies cost, for objects no entity manager will see. Methods and
 * instanceof stay the class's. (The ORM's setters come without a getter; a class's own accessor
 * pairs are left alone.)
 */
function copyPrototype(prototype: object): object {
  const known = copyPrototypes.get(prototype);
  if (known) return known;
  const copy = Object.create(prototype) as object;
  for (let level: object | null = prototype; level && level !== Object.prototype; level = Reflect.getPrototypeOf(level)) {
    for (const [name, property] of Object.entries(Object.getOwnPropertyDescriptors(level))) {
      if (property.set && !property.get && !Object.hasOwn(copy, name)) Object.defineProperty(copy, name, { value: undefined, writable: true, configurable: true });
    }
  }
  copyPrototypes.set(prototype, copy);
  return copy;
}

/**
 * Read-only domain objects straight from rows, by the ORM's own mapping of the class (columns,
 * property names, which properties are times), read once: for pages read on every request, where
 * the ORM's query building and hydration cost more than PostgreSQL does. Lazy properties are left
 * out, as the ORM leaves them unless asked.
 */
export class RowMapping<T extends object> {
  private readonly names: string[];
  private readonly times: string[];
  private readonly prototype: T;
  /** The select list, `alias."column" as "property"`, for a raw statement. */
  readonly columns: string;

  /** `prefixed`: columns named `alias.property`, for a statement that reads several tables side by side (see fromPrefixed()). */
  constructor(metadata: MetadataStorage, domainClass: { prototype: T; name: string }, private readonly alias: string, prefixed = false) {
    const props = metadata.get<T>(domainClass.name).props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.persist !== false && !prop.lazy && prop.fieldNames.length === 1);
    this.names = props.map((prop) => prop.name);
    this.columns = props.map((prop) => `${alias}."${prop.fieldNames[0]}" as "${prefixed ? `${alias}.` : ''}${prop.name}"`).join(', ');
    this.times = props.filter((prop) => prop.runtimeType === 'Date').map((prop) => prop.name);
    this.prototype = domainClass.prototype;
  }

  /** The object among a row's prefixed columns; null where an outer join found none (its first column null). */
  fromPrefixed(row: Record<string, unknown>): T | null {
    if (row[`${this.alias}.${this.names[0]}`] === null) return null;
    return this.toObject(Object.fromEntries(this.names.map((name) => [name, row[`${this.alias}.${name}`]])));
  }

  /** The connection gives times as PostgreSQL's text; the domain has them as Dates. */
  toObject(row: Record<string, unknown>): T {
    for (const name of this.times) {
      const value = row[name];
      if (typeof value === 'string') row[name] = new Date(value);
    }
    // The row itself becomes the copy: ten times cheaper than copying its fields onto a new object.
    return Object.setPrototypeOf(row, copyPrototype(this.prototype)) as T;
  }
}

