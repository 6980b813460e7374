/**
 * Who takes part in a run: M senders and a few reader users (each reader holds many sockets, as a
 * user with many devices), all members of one room and of the rooms of the many-rooms case.
 * Made on the twin through its own APIs (Cognito admin calls, sign-in, createRoom, joinRoom);
 * the other targets get the same users and rooms (see targets.ts).
 */
import { decodeJwt, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { createMembers, createRoom, inParallel, joinRoom, signIn, type LoadUser } from '../../test/load/support/load-clients';
import type { TwinProcessInfo } from '../../test/load/support/twin-process';

export interface Population {
  senders: LoadUser[];
  readers: LoadUser[];
  oneRoom: string;
  manyRooms: string[];
}

export async function populateTwin(info: TwinProcessInfo, sizes: { senders: number; readers: number; manyRooms: number }): Promise<Population> {
  const senderNames = Array.from({ length: sizes.senders }, (_, i) => `bench-sender-${i}`);
  const readerNames = Array.from({ length: sizes.readers }, (_, i) => `bench-reader-${i}`);
  await createMembers(info, [...senderNames, ...readerNames]);
  const senders = await signIn(info, senderNames);
  const readers = await signIn(info, readerNames);
  const owner = senders[0] as LoadUser;
  const oneRoom = await createRoom(info, owner, 'bench one room');
  const manyRooms = await inParallel(Array.from({ length: sizes.manyRooms }, (_, i) => i), 8, (i) => createRoom(info, owner, `bench room ${i}`));
  const joins: Array<[LoadUser, string]> = [];
  for (const user of [...senders.slice(1), ...readers]) joins.push([user, oneRoom]);
  for (const user of [...senders.slice(1), ...readers]) for (const roomId of manyRooms) joins.push([user, roomId]);
  await inParallel(joins, 8, ([user, roomId]) => joinRoom(info, user, roomId));
  return { senders, readers, oneRoom, manyRooms };
}

/** Every user's Cognito sub (the twin's token claim), for the peer's membership items. */
export function subOf(user: LoadUser): string {
  return String(decodeJwt(user.token).sub);
}

/**
 * The same users' tokens for the peer. The simulator decodes a token without checking its
 * signature and takes it as a user-pool token only if `iss` starts with https://cognito-idp.
 * (as AWS's does); the twin's tokens name the twin's URL. So each twin token's claims are kept
 * (sub, username, cognito:groups, exp) and signed again under a cognito-idp issuer.
 */
export async function asPeerTokens(population: Population): Promise<Population> {
  const key = randomBytes(32);
  const remint = async (user: LoadUser): Promise<LoadUser> => {
    const claims = decodeJwt(user.token);
    const token = await new SignJWT({ ...claims, iss: `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench` }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    return { username: user.username, token };
  };
  return {
    ...population,
    senders: await Promise.all(population.senders.map(remint)),
    readers: await Promise.all(population.readers.map(remint)),
  };
}
