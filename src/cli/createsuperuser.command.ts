import { INestApplicationContext } from '@nestjs/common';
import { FieldValidationError } from '../common/errors/domain-errors.js';
import { isValidEmail } from '../common/validation/drf-fields.js';
import { Environment } from '../config/environment.js';
import { normalizeUsername } from '../common/auth/usernames.js';
import { USERNAME_TAKEN, usernameProblem as djangoUsernameProblem } from '../users/dto/username.js';
import { UsersService } from '../users/users.service.js';
import { validatePassword } from '../users/password-validators.js';
import { Prompter } from './prompt.js';

export interface CreateSuperuserOptions {
  noInput: boolean;
  username?: string;
  email?: string;
}

/** Checked on the normalised name, as registration checks it. */
function usernameProblem(username: string): string | null {
  if (!username) return 'This field cannot be blank.';
  return djangoUsernameProblem(username);
}

/**
 * Django's createsuperuser: prompts for username, email and password (twice, checked by the
 * same validators as registration), or with --no-input takes --username, --email and the
 * SUPERUSER_PASSWORD environment variable.
 */
export async function createSuperuser(
  context: INestApplicationContext,
  options: CreateSuperuserOptions,
  say: (line: string) => void,
): Promise<void> {
  const users = context.get(UsersService);
  const env = context.get(Environment);
  let { email } = options;
  let username = options.username === undefined ? undefined : normalizeUsername(options.username);
  let password: string;

  if (options.noInput) {
    password = env.SUPERUSER_PASSWORD ?? '';
    const problems = [
      !username ? 'You must use --username with --no-input.' : usernameProblem(username),
      email && !isValidEmail(email) ? 'Enter a valid email address.' : null,
      !password ? 'Set the SUPERUSER_PASSWORD environment variable with --no-input.' : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  } else {
    const prompter = new Prompter();
    try {
      for (;;) {
        username = normalizeUsername((await prompter.ask('Username: ')).trim());
        const problem = usernameProblem(username);
        if (problem) say(`Error: ${problem}`);
        else if (await users.isUsernameTaken(username)) say(`Error: ${USERNAME_TAKEN}`);
        else break;
      }
      for (;;) {
        email = (await prompter.ask('Email address: ')).trim();
        if (!email || isValidEmail(email)) break;
        say('Error: Enter a valid email address.');
      }
      for (;;) {
        password = await prompter.ask('Password: ', true);
        const again = await prompter.ask('Password (again): ', true);
        if (password !== again) {
          say("Error: Your passwords didn't match.");
          continue;
        }
        if (!password) {
          say('Error: Blank passwords aren\'t allowed.');
          continue;
        }
        const problems = validatePassword(password, { username, email });
        if (problems.length === 0) break;
        for (const problem of problems) say(problem);
      }
    } finally {
      prompter.close();
    }
  }

  try {
    await users.create({ username: username!, email: email ?? '', password, isStaff: true, isSuperuser: true });
  } catch (error) {
    if (error instanceof FieldValidationError) {
      throw new Error(Object.values(error.fields).flat().join('\n'), { cause: error });
    }
    throw error;
  }
  say('Superuser created successfully.');
}
