/** Django's username max_length. */
export const USERNAME_MAX_LENGTH = 150;

/**
 * Django's AbstractBaseUser.normalize_username (NFKC): `ａｄｍｉｎ` is `admin`, `ﬁ` is `fi`. Every
 * path that stores a username applies it first, so two names that look alike cannot both exist;
 * the login limit counts such names as one.
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC');
}
