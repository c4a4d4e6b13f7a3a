// `stemme user …` and `stemme org …`: people and whole organisations from the command line.
import fs from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { readStdin, withDatabase } from '../cli-support.ts';
import { ROLES, type Role } from './schema.ts';

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

export function registerTeamCommands(program: Command): void {
  const user = program.command('user').description('people');
  user
    .command('create')
    .description('create a person (or reset their password) and add them to an organisation')
    .requiredOption('--email <email>', 'their email address')
    .option('--name <name>', 'their name (defaults to the part of the email before @)')
    .option('--password <password>', 'their password (at least 12 characters); or use --password-stdin')
    .option('--password-stdin', 'read the password from standard input')
    .option('--org <id>', 'organisation id (defaults to the only organisation, when there is one)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, parseRole, 'editor' as Role)
    .action(
      async (opts: {
        email: string;
        name?: string;
        password?: string;
        passwordStdin?: boolean;
        org?: string;
        role: Role;
      }) => {
        const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : opts.password;
        if (!password || password.length < 12)
          throw new InvalidArgumentError('password must be at least 12 characters');
        if (!/^[^@\s]+@[^@\s]+$/.test(opts.email))
          throw new InvalidArgumentError('email must be an email address');
        const { createOrResetPerson } = await import('./people.ts');
        const email = opts.email;
        const result = await withDatabase((db) =>
          createOrResetPerson(db, { email, name: opts.name, password, orgId: opts.org, role: opts.role }),
        );
        process.stdout.write(
          `${result.created ? 'created' : 'updated'} ${result.email} (${result.userId}) as ${opts.role} in ${result.orgId}\n`,
        );
      },
    );

  const org = program.command('org').description('organisations');
  org
    .command('list')
    .description('list organisations')
    .action(async () => {
      const { orgs } = await import('./schema.ts');
      const { asc } = await import('drizzle-orm');
      const rows = await withDatabase((db) =>
        db.select({ id: orgs.id, name: orgs.name }).from(orgs).orderBy(asc(orgs.createdAt)),
      );
      for (const r of rows) process.stdout.write(`${r.id}\t${r.name}\n`);
    });
  org
    .command('export <orgId>')
    .description('write a whole organisation as one JSON document')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--include-credentials', 'include password hashes, so people can sign in after an import')
    .action(async (orgId: string, opts: { output?: string; includeCredentials?: boolean }) => {
      const { exportOrg } = await import('./transfer.ts');
      const doc = await withDatabase((db) =>
        exportOrg(db, orgId, { includeCredentials: opts.includeCredentials }),
      );
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      if (opts.output) fs.writeFileSync(opts.output, text, { mode: 0o600 });
      else process.stdout.write(text);
    });
  org
    .command('import <file>')
    .description(
      'import an organisation from a JSON document written by `stemme org export` (- for standard input)',
    )
    .action(async (file: string) => {
      const text = file === '-' ? await readStdin() : fs.readFileSync(file, 'utf8');
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch (err) {
        throw new InvalidArgumentError(`${file} is not valid JSON: ${(err as Error).message}`);
      }
      const { importOrg } = await import('./transfer.ts');
      const result = await withDatabase((db) => importOrg(db, doc));
      process.stdout.write(
        `imported organisation ${result.orgId}: ${result.users} people, ${result.rows} rows\n`,
      );
    });
}
