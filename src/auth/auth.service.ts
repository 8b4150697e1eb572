import { Injectable } from '@nestjs/common';
import { BadCredentials } from './auth.errors.js';
import { Environment } from '../config/environment.js';
import { LoginAttemptsService } from '../throttling/login-attempts.service.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokenResponseDto, TokenPairResponseDto } from './dto/token-responses.dto.js';
import { NoActiveAccountForToken, TokenInvalid } from '../tokens/token.errors.js';
import { TokenService } from '../tokens/token.service.js';

/** simplejwt's views: obtain, refresh, verify and blacklist. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly loginAttempts: LoginAttemptsService,
    private readonly env: Environment,
  ) {}

  async login(username: string, password: string, address: string): Promise<TokenPairResponseDto> {
    const user = await this.loginAttempts.attempt(username, address, () => this.users.authenticate(username, password));
    if (!user) throw new BadCredentials();
    return this.tokens.pairFor(user.id);
  }

  async refresh(refreshToken: string): Promise<AccessTokenResponseDto> {
    const rotate = this.env.JWT_ROTATE_REFRESH_TOKENS;
    // With rotation a spent token presented again is a copy (the client's or a thief's): the
    // tokens issued from it are revoked, so whoever holds them must log in again.
    const claims = await this.tokens.checkRefresh(refreshToken, { revokeOnReuse: rotate });
    const user = await this.users.findPrincipal(claims.user_id);
    if (!user?.isActive) throw new NoActiveAccountForToken();
    const access = this.tokens.accessFor(user.id);
    if (!rotate) return { access };
    // Rotation: the old refresh token is spent (simplejwt's BLACKLIST_AFTER_ROTATION).
    return { access, refresh: await this.tokens.rotate(claims) };
  }

  /** Any valid token of ours; a blacklisted refresh token is refused. */
  async verify(token: string): Promise<void> {
    const claims = this.tokens.decode(token);
    if (!claims) throw new TokenInvalid();
    if (claims.token_type === 'refresh') await this.tokens.assertNotBlacklisted(claims);
  }

  async logout(refreshToken: string): Promise<void> {
    const claims = await this.tokens.checkRefresh(refreshToken);
    await this.tokens.blacklist(claims);
  }
}
