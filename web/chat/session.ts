/** Who is signed in: the user-pool user name, its sub (a message's senderId) and its groups. */
import { fetchAuthSession, getCurrentUser } from 'aws-amplify/auth';

export interface SignedInUser {
  username: string;
  userId: string;
  groups: string[];
  isAdmin: boolean;
}

/** The signed-in user, or null when nobody is (or the session cannot be refreshed). */
export async function currentUser(): Promise<SignedInUser | null> {
  try {
    const { username, userId } = await getCurrentUser();
    const session = await fetchAuthSession();
    const groups = (session.tokens?.idToken?.payload['cognito:groups'] as string[] | undefined) ?? [];
    return { username, userId, groups, isAdmin: groups.includes('Admins') };
  } catch {
    return null;
  }
}
