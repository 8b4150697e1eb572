/**
 * Who is calling, as the global JWT guard puts it on the request: only what access rules
 * need. Never the user row itself (it holds the password hash); a service that needs more
 * loads the user by id.
 */
export interface AuthUser {
  readonly id: number;
  readonly isStaff: boolean;
  readonly isActive: boolean;
}
