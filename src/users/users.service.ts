import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { normalizeUsername } from '../common/auth/usernames.js';
import { sqlState } from '../common/errors/database-errors.js';
import { FieldErrors, FieldValidationError, NotFoundError, PermissionDeniedError } from '../common/errors/domain-errors.js';
import { PageRequest } from '../common/pagination/pagination.js';
import { AuthSecret } from '../config/auth-secret.js';
import { Environment } from '../config/environment.js';
import { MailMessage, MailService } from '../mail/mail.service.js';
import { TokenService } from '../tokens/token.service.js';
import { AccountTokenPurpose, AccountTokens, decodeUid, encodeUid } from './account-tokens.js';
import {
  RegisterUserDto,
  ResetPasswordConfirmDto,
  ResetUsernameConfirmDto,
  SetPasswordDto,
  SetUsernameDto,
  UidAndTokenDto,
  UpdateUserDto,
} from './dto/user-requests.dto.js';
import { User } from './entities/user.entity.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordOwner, validatePassword } from './password-validators.js';
import { Principal, Principals } from './principals.js';
import {
  ActivationMailDisabled,
  InvalidAccountToken,
  InvalidCurrentPassword,
  InvalidUid,
  PasswordRejected,
  PasswordsDoNotMatch,
  StaleActivationToken,
  UsernameTaken,
} from './users.errors.js';

export interface NewUser {
  username: string;
  email: string;
  password: string;
  isStaff?: boolean;
  isSuperuser?: boolean;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);
  private readonly accountTokens: AccountTokens;
  // Verifying against this when a username is unknown makes both paths cost the same.
  private readonly dummyHash = PasswordHasher.hash('storedeal-timing-equaliser');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly tokens: TokenService,
    private readonly principals: Principals,
    private readonly env: Environment,
    secret: AuthSecret,
  ) {
    this.accountTokens = new AccountTokens(secret.value);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** What the JWT guard needs to know about a token's user (cached for under a second, see Principals). */
  findPrincipal(id: number): Promise<Principal | null> {
    return this.principals.find(id);
  }

  /** The caller's own row; the guard has just seen it, so it exists unless deleted meanwhile. */
  private async load(viewer: AuthUser): Promise<User> {
    const user = await this.findById(viewer.id);
    if (!user) throw new NotFoundError();
    return user;
  }

  /** Django's password validators; throws the field map when the password is refused. */
  assertPasswordAcceptable(field: string, password: string, owner: PasswordOwner): void {
    const problems = validatePassword(password, owner);
    if (problems.length > 0) throw new PasswordRejected(field, problems);
  }

  isUsernameTaken(username: string): Promise<boolean> {
    return this.users.existsBy({ username });
  }

  private async assertUsernameFree(field: string, username: string): Promise<void> {
    if (await this.isUsernameTaken(username)) throw new UsernameTaken(field);
  }

  /** Maps the unique-username violation a concurrent request can still cause. */
  private async saving<T>(field: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (sqlState(error) === '23505') throw new UsernameTaken(field);
      throw error;
    }
  }

  /** Creates a user with validated credentials (registration and createsuperuser share it). */
  async create(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<User> {
    // Django's UserManager.create_user normalises both before saving (request DTOs already have
    // the username normalised; createsuperuser's comes as typed).
    const username = normalizeUsername(input.username);
    const email = normalizeEmail(input.email);
    await this.assertUsernameFree('username', username);
    this.assertPasswordAcceptable('password', input.password, { username, email });
    const password = await PasswordHasher.hash(input.password);
    return this.saving('username', () =>
      manager.getRepository(User).save(
        manager.getRepository(User).create({
          username,
          email,
          password,
          isActive: input.isSuperuser ? true : !this.env.SEND_ACTIVATION_EMAIL,
          isStaff: input.isStaff ?? false,
          isSuperuser: input.isSuperuser ?? false,
        }),
      ),
    );
  }

  /** Djoser's registration: field checks, then password rules, then the retype check. */
  async register(dto: RegisterUserDto): Promise<User> {
    const email = dto.email ?? '';
    await this.assertUsernameFree('username', dto.username);
    this.assertPasswordAcceptable('password', dto.password, { username: dto.username, email });
    if (dto.password !== dto.re_password) throw new PasswordsDoNotMatch();
    const user = await this.create({ username: dto.username, email, password: dto.password });
    if (this.env.SEND_ACTIVATION_EMAIL && user.email) await this.sendAccountMail(user, 'activation');
    return user;
  }

  async list(viewer: AuthUser, page: PageRequest): Promise<{ count: number; users: User[] }> {
    const where = viewer.isStaff ? {} : { id: viewer.id };
    const [users, count] = await this.users.findAndCount({ where, order: { id: 'ASC' }, skip: page.offset, take: page.pageSize });
    return { count, users };
  }

  /** Another user's record is invisible (404) unless the viewer is staff. */
  async getVisible(viewer: AuthUser, id: number): Promise<User> {
    if (id !== viewer.id && !viewer.isStaff) throw new NotFoundError();
    const user = await this.findById(id);
    if (!user) throw new NotFoundError();
    return user;
  }

  async update(viewer: AuthUser, id: number, dto: UpdateUserDto): Promise<User> {
    const user = await this.getVisible(viewer, id);
    if (dto.email === undefined || dto.email === user.email) return user;
    const oldEmail = user.email;
    user.email = dto.email;
    // Djoser: with activation on, a new address must be confirmed before the account works again.
    const reactivate = this.env.SEND_ACTIVATION_EMAIL;
    if (reactivate) user.isActive = false;
    await this.users.update({ id: user.id }, { email: user.email, isActive: user.isActive });
    this.principals.forget(user.id);
    // Djoser changes the address without the password, and password resets then go to the new
    // one: the old address hears of it, so a stolen session cannot take the account silently.
    if (oldEmail) this.mail.sendLater(emailChangedNotice(user, oldEmail));
    if (reactivate && user.email) await this.sendAccountMail(user, 'activation');
    return user;
  }

  /**
   * The account a DELETE may remove, checked before its body is read, as Djoser's destroy does
   * (get_object, then the permission): 404 when there is no such user, 403 for someone else's
   * account unless the viewer is staff. Djoser's HIDE_USERS turns a refused retrieve or update
   * into 404 (see getVisible), but not a refused destroy.
   */
  async deletable(viewer: AuthUser, id: number): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundError();
    if (user.id !== viewer.id && !viewer.isStaff) throw new PermissionDeniedError();
    return user;
  }

  async delete(viewer: AuthUser, id: number, currentPassword: string): Promise<void> {
    const user = await this.deletable(viewer, id);
    await this.assertCurrentPassword(user.id === viewer.id ? user : await this.load(viewer), currentPassword);
    await this.users.delete({ id: user.id });
    this.principals.forget(user.id);
  }

  private async assertCurrentPassword(user: User, password: string): Promise<void> {
    if (!(await PasswordHasher.verify(password, user.password))) throw new InvalidCurrentPassword();
  }

  /**
   * Sets a new password and ends every session the user had: refresh tokens are blacklisted
   * and access tokens issued before now are refused (password_changed_at).
   *
   * A token's `iat` is whole seconds (simplejwt's, which a sub-second claim would break), so
   * within the second of the change an older token and a newer one look alike: the guard
   * refuses that whole second (Principal.tokensValidFrom), and this answers only once it is
   * over (at most a second later), so a client logging in after the answer gets a token that
   * works. A login racing the change inside that second gets an access token that is refused
   * (its refresh token still works): failing closed, never letting an older token through.
   */
  private async changePassword(user: User, newPassword: string, touchLastLogin: boolean): Promise<void> {
    const password = await PasswordHasher.hash(newPassword);
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { password, passwordChangedAt: now, ...(touchLastLogin ? { lastLogin: now } : {}) });
      await this.tokens.endSessionsOf(user.id, manager);
    });
    this.principals.forget(user.id);
    const nextSecond = (Math.floor(now.getTime() / 1000) + 1) * 1000;
    // A loop: a timer may fire a millisecond early by the wall clock.
    while (Date.now() < nextSecond) await new Promise((resolve) => setTimeout(resolve, nextSecond - Date.now()));
  }

  async setPassword(viewer: AuthUser, dto: SetPasswordDto): Promise<void> {
    const user = await this.load(viewer);
    await this.assertCurrentPassword(user, dto.current_password);
    this.assertPasswordAcceptable('new_password', dto.new_password, user);
    await this.changePassword(user, dto.new_password, false);
  }

  /** Both fields are checked before answering: DRF reports a taken name and a wrong password together. */
  async setUsername(viewer: AuthUser, dto: SetUsernameDto): Promise<void> {
    const user = await this.load(viewer);
    const [passwordOk, taken] = await Promise.all([
      PasswordHasher.verify(dto.current_password, user.password),
      dto.new_username !== user.username && this.isUsernameTaken(dto.new_username),
    ]);
    const errors: FieldErrors = {
      ...(passwordOk ? {} : new InvalidCurrentPassword().fields),
      ...(taken ? new UsernameTaken('new_username').fields : {}),
    };
    if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
    await this.renameTo(user, dto.new_username);
  }

  private async renameTo(user: User, username: string): Promise<void> {
    if (username === user.username) return;
    await this.assertUsernameFree('new_username', username);
    await this.saving('new_username', () => this.users.update({ id: user.id }, { username }));
  }

  /**
   * Djoser's credential check for jwt/create. Unknown users, wrong passwords and inactive
   * accounts all look the same to the caller. Old Django hashes are upgraded on success.
   */
  async authenticate(username: string, password: string): Promise<User | null> {
    // The name as given, not NFKC-normalised: Django's ModelBackend looks it up as given too
    // (get_by_natural_key), so `ａｄｍｉｎ` does not log in as `admin`.
    const user = await this.users.findOneBy({ username });
    if (!user) {
      await PasswordHasher.verify(password, await this.dummyHash);
      return null;
    }
    if (!(await PasswordHasher.verify(password, user.password)) || !user.isActive) return null;
    // last_login is left alone, as simplejwt does by default (UPDATE_LAST_LOGIN=False): it is part
    // of the activation/reset token state, so touching it here would spend mailed links on login.
    if (PasswordHasher.needsRehash(user.password)) {
      user.password = await PasswordHasher.hash(password);
      await this.users.update({ id: user.id }, { password: user.password });
    }
    return user;
  }

  private activeUsersWithEmail(email: string, isActive: boolean): Promise<User[]> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email) AND user.is_active = :isActive', { email, isActive })
      .getMany();
  }

  // The three requests below answer 204 whether or not the address is known, and answer before
  // the mail goes out: waiting for it made a known address answer about twice as slowly.

  async requestPasswordReset(email: string): Promise<void> {
    for (const user of await this.activeUsersWithEmail(email, true)) this.mail.sendLater(this.accountMail(user, 'password-reset'));
  }

  async requestUsernameReset(email: string): Promise<void> {
    for (const user of await this.activeUsersWithEmail(email, true)) this.mail.sendLater(this.accountMail(user, 'username-reset'));
  }

  async resendActivation(email: string): Promise<void> {
    if (!this.env.SEND_ACTIVATION_EMAIL) throw new ActivationMailDisabled();
    for (const user of await this.activeUsersWithEmail(email, false)) this.mail.sendLater(this.accountMail(user, 'activation'));
  }

  /** Djoser's UidAndTokenSerializer: the uid must name a user and the token must be theirs. */
  private async userForToken(dto: UidAndTokenDto, purpose: AccountTokenPurpose): Promise<User> {
    const id = decodeUid(dto.uid);
    const user = id === null ? null : await this.findById(id);
    if (!user) throw new InvalidUid();
    if (!this.accountTokens.check(user, purpose, dto.token)) throw new InvalidAccountToken();
    return user;
  }

  async confirmPasswordReset(dto: ResetPasswordConfirmDto): Promise<void> {
    const user = await this.userForToken(dto, 'password-reset');
    this.assertPasswordAcceptable('new_password', dto.new_password, user);
    // Touching last_login (as Djoser does) also makes the link single-use.
    await this.changePassword(user, dto.new_password, true);
  }

  async confirmUsernameReset(dto: ResetUsernameConfirmDto): Promise<void> {
    const user = await this.userForToken(dto, 'username-reset');
    await this.renameTo(user, dto.new_username);
  }

  async activate(dto: UidAndTokenDto): Promise<void> {
    const user = await this.userForToken(dto, 'activation');
    if (user.isActive) throw new StaleActivationToken();
    await this.users.update({ id: user.id }, { isActive: true });
    this.principals.forget(user.id);
  }

  private sendAccountMail(user: User, purpose: AccountTokenPurpose): Promise<void> {
    return this.mail.send(this.accountMail(user, purpose));
  }

  private accountMail(user: User, purpose: AccountTokenPurpose): MailMessage {
    const uid = encodeUid(user.id);
    const token = this.accountTokens.make(user, purpose);
    const base = this.env.FRONTEND_URL.replace(/\/+$/, '');
    const mails: Record<AccountTokenPurpose, { subject: string; path: string; intro: string }> = {
      activation: { subject: 'Account activation', path: `#/activate/${uid}/${token}`, intro: 'activate your account' },
      'password-reset': {
        subject: 'Password reset',
        path: `#/password/reset/confirm/${uid}/${token}`,
        intro: 'choose a new password',
      },
      'username-reset': {
        subject: 'Username reset',
        path: `#/username/reset/confirm/${uid}/${token}`,
        intro: 'choose a new username',
      },
    };
    const mail = mails[purpose];
    const link = `${base}/${mail.path}`;
    this.logger.log(`${mail.subject} mail for user ${user.id}`);
    return {
      to: user.email,
      subject: `${mail.subject} for ${user.username}`,
      text: `Hello ${user.username},\n\nFollow this link to ${mail.intro}:\n${link}\n\nuid: ${uid}\ntoken: ${token}\n\nIf you did not ask for this, ignore this message.\n`,
    };
  }
}

/**
 * To the old address after an e-mail change. The new address is masked (first character of its
 * local part and its domain): whoever reads the old mailbox learns that and where the address
 * went, not the whole new address, since that mailbox may be why the owner moved.
 */
function emailChangedNotice(user: User, oldEmail: string): MailMessage {
  const change = user.email
    ? `was changed from ${oldEmail} to ${maskEmail(user.email)}. Password and username reset mail now goes to the new address.`
    : `${oldEmail} was removed from it. Password and username reset mail can no longer reach you.`;
  return {
    to: oldEmail,
    subject: `Email address changed for ${user.username}`,
    text:
      `Hello ${user.username},\n\nThe email address of your account ${change}\n\n` +
      `If you did not make this change, someone else may be using your account: ask the shop's staff to lock it.\n`,
  };
}

/** `alice@example.com` → `a***@example.com`. */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** Django's BaseUserManager.normalize_email: the domain part is lower-cased. */
function normalizeEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}
