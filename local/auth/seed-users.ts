// Users and groups a new local pool starts with, so `npm start` is usable at once.
// The passwords are well known on purpose: this pool only ever runs on a developer machine.
import { chatUserGroups } from '../../infra/auth-settings';

export interface SeedUser {
  username: string;
  password: string;
  email: string;
  groups: readonly string[];
}

/** The stack's groups, which every pool has. */
export const SEED_GROUPS: readonly string[] = chatUserGroups.map((group) => group.name);

export const SEED_USERS: readonly SeedUser[] = [
  { username: 'alice', password: 'Alice#Local1', email: 'alice@example.com', groups: ['Admins', 'Members'] },
  { username: 'bob', password: 'Bob#Local1', email: 'bob@example.com', groups: ['Members'] },
  { username: 'carol', password: 'Carol#Local1', email: 'carol@example.com', groups: [] },
];
