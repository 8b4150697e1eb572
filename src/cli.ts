import 'reflect-metadata';
import { parseArgs } from 'node:util';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  createsuperuser [--no-input --username U [--email E]]
                  Create an active staff superuser. Interactive by default; with --no-input
                  the password comes from the SUPERUSER_PASSWORD environment variable.
  flushexpiredtokens
                  Delete the records of expired refresh tokens and say how many (simplejwt's
                  command; the server also does it every hour).
  import-django <db.sqlite3 | postgres://…> [--dry-run]
                  Import the Django Storedeal's users, categories, products and carts (same ids,
                  same passwords) in one transaction. --dry-run reports what would happen and
                  writes nothing. Progress on stderr, the report on stdout (README, "Moving from
                  the Django Storedeal").
  migrate         Apply pending database migrations and list what ran.
  seed [--categories N] [--products M]
                  Fill a demo catalogue (defaults: 20 categories, 10000 products).
`;

const say = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'no-input': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      username: { type: 'string' },
      email: { type: 'string' },
      categories: { type: 'string' },
      products: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!['createsuperuser', 'flushexpiredtokens', 'import-django', 'migrate', 'seed'].includes(command)) {
    throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }

  // The application is loaded only for a command: `--help` and a typo answer at once.
  const [
    { NestFactory },
    { AppModule },
    { openCliDatabase },
    { createSuperuser },
    { flushExpiredTokens },
    { importDjangoCommand },
    { migrate },
    { seed },
    { loadEnvironment },
  ] = await Promise.all([
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./cli/cli-database.js'),
    import('./cli/createsuperuser.command.js'),
    import('./cli/flushexpiredtokens.command.js'),
    import('./cli/import-django.command.js'),
    import('./cli/migrate.command.js'),
    import('./cli/seed.command.js'),
    import('./config/config.js'),
  ]);
  const env = loadEnvironment();
  const database = await openCliDatabase(env, progress);
  try {
    if (command === 'migrate') {
      await migrate(database.url, say);
      return;
    }
    if (command === 'import-django') {
      await importDjangoCommand(database.url, { source: positionals[1], dryRun: values['dry-run'] }, say, progress);
      return;
    }
    const context = await NestFactory.createApplicationContext(AppModule.forRoot({ env, databaseUrl: database.url }), {
      logger: ['error', 'warn'],
    });
    try {
      if (command === 'createsuperuser') {
        await createSuperuser(context, { noInput: values['no-input'], username: values.username, email: values.email }, say);
      } else if (command === 'flushexpiredtokens') {
        await flushExpiredTokens(context, say);
      } else {
        await seed(context, { categories: values.categories, products: values.products }, progress);
      }
    } finally {
      await context.close();
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
