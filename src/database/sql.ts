import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** A query of a hot path: its SQL and the name it is prepared under. */
export interface Statement {
  name: string;
  text: string;
}

/**
 * The queries every request of a hot path makes (a product read, the guard's user lookup, the
 * cart), straight on TypeORM's pg pool as named prepared statements: PostgreSQL parses and
 * plans each once per connection, and one message fewer crosses the socket. Everything else
 * goes through TypeORM. The statements are logged through TypeORM's logger like its own.
 *
 * Not on the embedded PGlite: it is one session behind every connection, where one
 * connection's prepared name already exists for the next.
 */
@Injectable()
export class Sql implements OnModuleInit {
  private readonly pool: Pool;
  private prepared = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  async onModuleInit(): Promise<void> {
    const [{ version }] = await this.dataSource.query<Array<{ version: string }>>('SELECT version()');
    this.prepared = !version.includes('PGlite');
  }

  async query<T>(statement: Statement, values: unknown[]): Promise<T[]> {
    this.dataSource.logger.logQuery(statement.text, values);
    const result = await this.pool.query(this.prepared ? { name: statement.name, text: statement.text, values } : { text: statement.text, values });
    return result.rows as T[];
  }
}

@Global()
@Module({ providers: [Sql], exports: [Sql] })
export class SqlModule {}
