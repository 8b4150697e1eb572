import type { User } from '../entities/user.entity.js';

/** Djoser's UserSerializer: never the password, never the staff flags. */
export class UserResponseDto {
  /** "" when the user gave none. */
  email: string;
  id: number;
  username: string;

  static from(user: User): UserResponseDto {
    return { email: user.email, id: user.id, username: user.username };
  }
}
