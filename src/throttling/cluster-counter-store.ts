import cluster, { type Worker } from 'node:cluster';
import { CounterStore, MemoryCounterStore, type CounterState, type LimitedCounter, type LimitedIncrement } from './counter-store.js';

/** The CounterStore operations a worker asks the primary for. */
const OPERATIONS = ['increment', 'incrementBelowLimits', 'decrement', 'delete'] as const;
type Operation = (typeof OPERATIONS)[number];

interface CounterRequest {
  counterStore: { id: number; operation: Operation; args: unknown[] };
}

interface CounterReply {
  counterStoreReply: { id: number; result?: unknown; error?: string };
}

/**
 * With WORKERS>1 and no REDIS_URL: a worker's counters, held by the cluster primary (see
 * serveCountersToWorkers) so that the limits are per server, not per worker. Each operation
 * is one IPC message and its reply; the primary runs them one at a time.
 */
export class ClusterCounterStore extends CounterStore {
  private lastId = 0;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private readonly onMessage = (message: unknown) => {
    const reply = (message as Partial<CounterReply> | null)?.counterStoreReply;
    const waiting = reply && this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (reply.error === undefined) waiting.resolve(reply.result);
    else waiting.reject(new Error(`counter store in the cluster primary: ${reply.error}`));
  };

  constructor() {
    super();
    process.on('message', this.onMessage);
  }

  increment(key: string, windowMs: number): Promise<CounterState> {
    return this.ask('increment', [key, windowMs]);
  }

  incrementBelowLimits(counters: LimitedCounter[], windowMs: number): Promise<LimitedIncrement> {
    return this.ask('incrementBelowLimits', [counters, windowMs]);
  }

  decrement(keys: string[]): Promise<void> {
    return this.ask('decrement', [keys]);
  }

  delete(key: string): Promise<void> {
    return this.ask('delete', [key]);
  }

  async close(): Promise<void> {
    process.off('message', this.onMessage);
  }

  private ask<T>(operation: Operation, args: unknown[]): Promise<T> {
    const id = ++this.lastId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      const request: CounterRequest = { counterStore: { id, operation, args } };
      process.send!(request, undefined, undefined, (error: Error | null) => {
        if (!error) return;
        this.pending.delete(id);
        reject(error);
      });
    });
  }
}

/** In the cluster primary: one MemoryCounterStore that answers every worker's ClusterCounterStore. */
export function serveCountersToWorkers(): MemoryCounterStore {
  const store = new MemoryCounterStore();
  cluster.on('message', (worker: Worker, message: unknown) => {
    const request = (message as Partial<CounterRequest> | null)?.counterStore;
    if (!request || !OPERATIONS.includes(request.operation)) return;
    const run = store[request.operation] as (...args: unknown[]) => Promise<unknown>;
    run.apply(store, request.args).then(
      (result) => reply(worker, { id: request.id, result }),
      (error: unknown) => reply(worker, { id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  return store;
}

function reply(worker: Worker, counterStoreReply: CounterReply['counterStoreReply']): void {
  // A worker that has exited since asking needs no answer.
  if (worker.isConnected()) worker.send({ counterStoreReply } satisfies CounterReply);
}
