import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { parseOrderingKeys, withTieBreaker } from '../common/pagination/ordering.js';
import { PageRequest } from '../common/pagination/pagination.js';
import { containsPattern } from '../common/validation/search-pattern.js';
import { ACCOUNT_ORDERINGS } from './dto/account.dto.js';
import { User } from './entities/user.entity.js';
import { Principals } from './principals.js';
import { OwnAccountChange } from './users.errors.js';

export interface AccountFilters {
  search?: string;
  isActive?: boolean;
  isStaff?: boolean;
  /** `username`, `-date_joined,username`, …; ties by id. */
  ordering?: string;
}

export interface AccountChanges {
  isActive?: boolean;
  isStaff?: boolean;
}

const COLUMNS: Record<(typeof ACCOUNT_ORDERINGS)[number], string> = { id: 'user.id', username: 'user.username', date_joined: 'user.dateJoined', last_login: 'user.lastLogin' };

/**
 * Staff's view of every account (the console's Accounts screen): find, open, lock out or let
 * back in, grant or revoke staff. Djoser has no such endpoints; they sit beside its own.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly principals: Principals,
  ) {}

  async list(filters: AccountFilters, page: PageRequest): Promise<{ count: number; accounts: User[] }> {
    const query = this.users.createQueryBuilder('user');
    if (filters.search) {
      query.andWhere('(user.username ILIKE :search OR user.email ILIKE :search)', { search: containsPattern(filters.search) });
    }
    if (filters.isActive !== undefined) query.andWhere('user.isActive = :isActive', { isActive: filters.isActive });
    if (filters.isStaff !== undefined) query.andWhere('user.isStaff = :isStaff', { isStaff: filters.isStaff });
    // Validated by the DTO; several keys as DRF's OrderingFilter takes them, id last for ties.
    const parsed = parseOrderingKeys(filters.ordering || 'id', ACCOUNT_ORDERINGS);
    for (const key of withTieBreaker('keys' in parsed ? parsed.keys : [], 'id')) {
      query.addOrderBy(COLUMNS[key.field], key.descending ? 'DESC' : 'ASC', key.descending ? 'NULLS LAST' : 'NULLS FIRST');
    }
    const [accounts, count] = await query.offset(page.offset).limit(page.pageSize).getManyAndCount();
    return { count, accounts };
  }

  async get(id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError();
    return user;
  }

  /**
   * A deactivated account is locked out at once: the JWT guard and jwt/refresh read
   * is_active on every request. Each change is logged with the staff member who made it.
   */
  async change(actor: AuthUser, id: number, changes: AccountChanges): Promise<User> {
    const wanted = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as AccountChanges;
    if (Object.keys(wanted).length === 0) return this.get(id);
    if (id === actor.id) throw new OwnAccountChange();
    const result = await this.users.update({ id }, wanted);
    if (!result.affected) throw new NotFoundError();
    this.principals.forget(id);
    this.logger.log({ actorId: actor.id, accountId: id, changes: wanted }, `account ${id} changed by staff user ${actor.id}`);
    return this.get(id);
  }
}
