import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Every domain event by its name, with its payload (plain data). Empty here: the module that
 * publishes an event declares it beside its own code,
 *
 *     declare module '../database/domain-events' {
 *       interface DomainEventMap { 'seat.changed': SeatEvent[] }
 *     }
 *
 * so the database layer names no module above it and a handler gets the payload's type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DomainEventMap {}

export type DomainEventType = keyof DomainEventMap;

export type DomainEventHandler<K extends DomainEventType> = (
  manager: EntityManager,
  payload: DomainEventMap[K],
) => Promise<void>;

/**
 * The in-transaction event bus. A module publishes what happened with the EntityManager of the
 * transaction that made the change; every handler of that event runs with the same manager, one
 * after the other in the order they registered (never concurrently: a PostgreSQL transaction is
 * one client), before `publish` returns. So a reaction (an e-mail in the outbox, a changed link)
 * is committed exactly when its cause is, and a failing handler rolls the cause back.
 *
 * Handlers register in their own module's `onModuleInit` with `on`.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventType, Array<DomainEventHandler<DomainEventType>>>();

  on<K extends DomainEventType>(type: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as DomainEventHandler<DomainEventType>);
    this.handlers.set(type, list);
  }

  async publish<K extends DomainEventType>(
    manager: EntityManager,
    type: K,
    payload: DomainEventMap[K],
  ): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`${type} was published outside a transaction`);
    }
    for (const handler of this.handlers.get(type) ?? []) await handler(manager, payload);
  }
}

/** Available everywhere, like the Transactor: any module may publish or handle. */
@Global()
@Module({ providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
