/** The `bureau user …` and `bureau entity …` commands: the back office's user and entity administration on the console. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Db } from '../platform/db/client.ts';
import { isLanguage, languages } from '../platform/i18n/languages.ts';
import { actorFunctions } from '../platform/auth/roles.ts';
import {
  buildEntityTree,
  createEntity,
  createUser,
  deleteEntity,
  disableUser,
  enableUser,
  entityKinds,
  findUserByEmail,
  flattenTree,
  grantRole,
  isActorFunction,
  isEntityKind,
  isValidEmail,
  listEntities,
  listUsers,
  plainRoles,
  resetPassword,
  resetTwoFactor,
  resolveEntity,
  type RoleGrantInput,
  type RoleSummary,
  type UserSummary,
} from '../features/admin/service.ts';

/** Where a command writes; the console in real use, a buffer in tests. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Exit codes after sysexits.h: the command line was wrong (64), or the data refused it (65). */
export const exit = { ok: 0, usage: 64, refused: 65 } as const;

export const userUsage = `  user list                          list users with their roles
  user add --email E --name N [--language nl|fr|en|de]
           [--role administrator|integrity_coordinator|bureau_member]...
           [--handler FUNCTION]... [--actor FUNCTION --entity ENTITY]
                                     create a user; prints a temporary password once
  user grant EMAIL [--role R]... [--handler FUNCTION]... [--actor FUNCTION --entity ENTITY]
                                     give a user more roles
  user disable EMAIL                 disable a user and end their sessions
  user enable EMAIL                  enable a disabled user again
  user reset-password EMAIL          new temporary password (printed once); ends sessions, deletes the key pair
  user reset-two-factor EMAIL        clear TOTP and recovery codes so the user enrols again`;

export const entityUsage = `  entity list                        show the entity tree
  entity add --name N --kind government|department|agency|unit [--parent ENTITY] [--headcount N]
  entity remove ENTITY               delete an entity without children or role holders
                                     (ENTITY is an id or an exact name)`;

/** A wrong command line: its message is shown with the usage, and the exit code is 64. */
class UsageError extends Error {}

/** The data refused the command (unknown user, duplicate e-mail …): exit code 65. */
class RefusedError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<T extends Options>(args: string[], options: T, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length !== positionals) throw new UsageError(`expected ${positionals} argument(s), got ${parsed.positionals.length}`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const grantOptions = {
  role: { type: 'string', multiple: true },
  handler: { type: 'string', multiple: true },
  actor: { type: 'string' },
  entity: { type: 'string' },
} as const;

/** Turns --role/--handler/--actor/--entity into grants, resolving the entity by id or name. */
async function grantsFromOptions(
  db: Db,
  values: { role?: string[] | undefined; handler?: string[] | undefined; actor?: string | undefined; entity?: string | undefined },
): Promise<RoleGrantInput[]> {
  const grants: RoleGrantInput[] = [];
  for (const role of values.role ?? []) {
    const plain = plainRoles.find((r) => r === role);
    if (!plain) {
      const hint = role === 'case_handler' ? ' (use --handler FUNCTION)' : role === 'entity_actor' ? ' (use --actor FUNCTION --entity ENTITY)' : '';
      throw new UsageError(`unknown --role ${JSON.stringify(role)}${hint}; choose from ${plainRoles.join(', ')}`);
    }
    grants.push({ role: plain });
  }
  for (const handlerFunction of values.handler ?? []) grants.push({ role: 'case_handler', handlerFunction });
  if (values.actor !== undefined || values.entity !== undefined) {
    if (values.actor === undefined || values.entity === undefined) throw new UsageError('--actor and --entity go together');
    if (!isActorFunction(values.actor)) throw new UsageError(`unknown --actor ${JSON.stringify(values.actor)}; choose from ${actorFunctions.join(', ')}`);
    const found = await resolveEntity(db, values.entity);
    if (!found.ok) throw new UsageError(entityProblem(values.entity, found.reason));
    grants.push({ role: 'entity_actor', actorFunction: values.actor, entityId: found.entity.id });
  }
  return grants;
}

function entityProblem(reference: string, reason: 'not_found' | 'ambiguous'): string {
  return reason === 'ambiguous'
    ? `more than one entity is called ${JSON.stringify(reference)}; use its id (see \`bureau entity list\`)`
    : `no entity with id or name ${JSON.stringify(reference)} (see \`bureau entity list\`)`;
}

const refusals: Record<string, string> = {
  email_taken: 'a user with this e-mail address already exists',
  invalid_email: 'this is not a valid e-mail address',
  no_roles: 'give at least one role: --role, --handler, or --actor with --entity',
  unknown_handler_function: 'unknown handler function (the web page Administration → Handler functions lists them)',
  unknown_actor_function: `unknown actor function; choose from ${actorFunctions.join(', ')}`,
  unknown_entity: 'unknown entity',
  already_granted: 'the user already has this role',
  user_not_found: 'no such user',
  self: 'not allowed on your own account',
  unknown_parent: 'unknown parent entity',
  has_children: 'the entity still has entities below it; move or remove those first',
  has_roles: 'people still hold a role for this entity; revoke those roles first',
  in_use: 'other records still refer to this entity',
  not_found: 'not found',
};

export function describeGrant(grant: Pick<RoleSummary, 'role' | 'handlerFunction' | 'actorFunction' | 'entityName'>): string {
  if (grant.role === 'case_handler') return `case_handler(${grant.handlerFunction})`;
  if (grant.role === 'entity_actor') return `entity_actor(${grant.actorFunction} @ ${grant.entityName})`;
  return grant.role;
}

function userLine(user: UserSummary): string {
  const status = [user.disabled ? 'disabled' : 'active', user.twoFactorEnabled ? '2fa' : '', user.mustChangePassword ? 'must-change-password' : ''].filter(Boolean).join(',');
  return [user.email, user.displayName, status, user.roles.map(describeGrant).join('; ') || '-'].join('\t');
}

async function userByEmailOrFail(db: Db, email: string | undefined): Promise<UserSummary> {
  if (!email) throw new UsageError('give the user’s e-mail address');
  const user = await findUserByEmail(db, email);
  if (!user) throw new RefusedError(`no user with e-mail address ${email}`);
  return user;
}

async function userCommand(db: Db, args: string[], io: CliOutput): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      parse(rest, {});
      const users = await listUsers(db);
      io.out(['EMAIL', 'NAME', 'STATUS', 'ROLES'].join('\t'));
      for (const user of users) io.out(userLine(user));
      return exit.ok;
    }
    case 'add': {
      const { values } = parse(rest, { email: { type: 'string' }, name: { type: 'string' }, language: { type: 'string', default: 'nl' }, ...grantOptions });
      if (!values.email || !isValidEmail(values.email)) throw new UsageError('give a valid --email');
      if (!values.name?.trim()) throw new UsageError('give the user’s --name');
      if (!isLanguage(values.language)) throw new UsageError(`--language must be one of ${languages.join(', ')}`);
      const roles = await grantsFromOptions(db, values);
      const result = await createUser(db, null, { email: values.email, displayName: values.name, language: values.language, roles });
      if (!result.ok) throw new RefusedError(refusals[result.reason] ?? result.reason);
      io.out(`Created ${values.email.trim().toLowerCase()} (${result.userId}).`);
      io.out(`Temporary password, shown only this once (they choose their own at first sign-in):`);
      io.out(`  ${result.temporaryPassword}`);
      return exit.ok;
    }
    case 'grant': {
      const { values, positionals } = parse(rest, grantOptions, 1);
      const user = await userByEmailOrFail(db, positionals[0]);
      const grants = await grantsFromOptions(db, values);
      if (grants.length === 0) throw new UsageError('give at least one --role, --handler, or --actor with --entity');
      let code: number = exit.ok;
      for (const grant of grants) {
        const result = await grantRole(db, null, user.id, grant);
        const what = grant.role === 'case_handler' ? `case_handler(${grant.handlerFunction})` : grant.role === 'entity_actor' ? `entity_actor(${grant.actorFunction})` : grant.role;
        if (result.ok) io.out(`Granted ${what} to ${user.email}.`);
        else {
          io.err(`Not granted ${what}: ${refusals[result.reason] ?? result.reason}.`);
          code = exit.refused;
        }
      }
      return code;
    }
    case 'disable':
    case 'enable':
    case 'reset-two-factor': {
      const { positionals } = parse(rest, {}, 1);
      const user = await userByEmailOrFail(db, positionals[0]);
      const command = sub === 'disable' ? disableUser : sub === 'enable' ? enableUser : resetTwoFactor;
      const result = await command(db, null, user.id);
      if (!result.ok) throw new RefusedError(refusals[result.reason] ?? result.reason);
      const done = { disable: 'Disabled %s and ended their sessions.', enable: 'Enabled %s.', 'reset-two-factor': 'Cleared two-factor for %s; they enrol again at the next sign-in.' }[sub];
      io.out(done.replace('%s', user.email));
      return exit.ok;
    }
    case 'reset-password': {
      const { positionals } = parse(rest, {}, 1);
      const user = await userByEmailOrFail(db, positionals[0]);
      const result = await resetPassword(db, null, user.id);
      if (!result.ok) throw new RefusedError(refusals[result.reason] ?? result.reason);
      io.out(`New temporary password for ${user.email}, shown only this once (their sessions ended; they choose a new one at sign-in):`);
      io.out(`  ${result.temporaryPassword}`);
      io.out('Their key pair was deleted with the old password: access to cases must be granted to them again.');
      return exit.ok;
    }
    default:
      throw new UsageError(sub ? `unknown command \`user ${sub}\`` : 'give a user command');
  }
}

async function entityCommand(db: Db, args: string[], io: CliOutput): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'list': {
      parse(rest, {});
      const rows = flattenTree(buildEntityTree(await listEntities(db)));
      if (rows.length === 0) io.out('No entities yet. Add one with `bureau entity add --name N --kind government`.');
      for (const { entity, depth } of rows) {
        const size = entity.headcount === null ? '' : `, ${entity.headcount} staff`;
        io.out(`${'  '.repeat(depth)}${entity.name} (${entity.kind}${size})  ${entity.id}`);
      }
      return exit.ok;
    }
    case 'add': {
      const { values } = parse(rest, { name: { type: 'string' }, kind: { type: 'string' }, parent: { type: 'string' }, headcount: { type: 'string' } });
      if (!values.name?.trim()) throw new UsageError('give the entity’s --name');
      if (!isEntityKind(values.kind)) throw new UsageError(`--kind must be one of ${entityKinds.join(', ')}`);
      if (values.headcount !== undefined && !/^\d{1,8}$/.test(values.headcount)) throw new UsageError('--headcount must be a whole number');
      let parentId: string | null = null;
      if (values.parent !== undefined) {
        const found = await resolveEntity(db, values.parent);
        if (!found.ok) throw new RefusedError(entityProblem(values.parent, found.reason));
        parentId = found.entity.id;
      }
      const headcount = values.headcount === undefined ? null : Number(values.headcount);
      const result = await createEntity(db, null, { name: values.name, kind: values.kind, headcount, parentId });
      if (!result.ok) throw new RefusedError(refusals[result.reason] ?? result.reason);
      io.out(`Created ${values.name.trim()} (${result.entityId}).`);
      return exit.ok;
    }
    case 'remove': {
      const { positionals } = parse(rest, {}, 1);
      const reference = positionals[0]!;
      const found = await resolveEntity(db, reference);
      if (!found.ok) throw new RefusedError(entityProblem(reference, found.reason));
      const result = await deleteEntity(db, null, found.entity.id);
      if (!result.ok) throw new RefusedError(`cannot remove ${found.entity.name}: ${refusals[result.reason] ?? result.reason}`);
      io.out(`Removed ${found.entity.name}.`);
      return exit.ok;
    }
    default:
      throw new UsageError(sub ? `unknown command \`entity ${sub}\`` : 'give an entity command');
  }
}

/** Runs `bureau user|entity …` and returns the exit code; every expected failure is a sentence on stderr. */
export async function runAdminCommand(db: Db, group: 'user' | 'entity', args: string[], io: CliOutput = consoleOutput): Promise<number> {
  try {
    return group === 'user' ? await userCommand(db, args, io) : await entityCommand(db, args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`bureau ${group}: ${error.message}\n\nUsage:\n${group === 'user' ? userUsage : entityUsage}`);
      return exit.usage;
    }
    if (error instanceof RefusedError) {
      io.err(`bureau ${group}: ${error.message}.`);
      return exit.refused;
    }
    throw error;
  }
}
