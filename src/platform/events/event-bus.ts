/**
 * Domain events between modules, delivered in-process and inside the publisher's unit of work:
 * a subscriber's writes commit or roll back with the publisher's. Modules react to each other
 * this way instead of importing each other.
 */
export interface DomainEvent {
  readonly type: string;
}

type Handler<E extends DomainEvent> = (event: E) => Promise<void>;

export class EventBus {
  private readonly handlers = new Map<string, Handler<DomainEvent>[]>();

  subscribe<E extends DomainEvent>(type: E['type'], handler: Handler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<DomainEvent>);
    this.handlers.set(type, list);
  }

  async publish<E extends DomainEvent>(event: E): Promise<void> {
    for (const handler of this.handlers.get(event.type) ?? []) await handler(event);
  }
}
