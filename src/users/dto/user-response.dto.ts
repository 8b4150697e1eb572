import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../entities/user.entity.js';

/** Djoser's UserSerializer: never the password, never the staff flags. */
export class UserResponseDto {
  /** "" when the user gave none. */
  @ApiProperty({ example: 'alice@example.com' })
  email: string;

  @ApiProperty({ type: 'integer', example: 17 })
  id: number;

  @ApiProperty({ example: 'alice' })
  username: string;

  static from(user: User): UserResponseDto {
    return { email: user.email, id: user.id, username: user.username };
  }
}
