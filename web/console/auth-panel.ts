/// <reference lib="dom" />
/**
 * The console's authorization bar, after the AppSync console's Queries page: pick the mode,
 * then log in with a user-pool user (Amplify's SRP flow) or give an IAM key for SigV4. On the
 * twin the seeded users and the twin's local key are filled in; on AWS nothing is.
 */
import { useEffect, useState } from 'react';
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { h } from '../shared/h';
import { plainError } from '../shared/errors';
import type { LoadedOutputs } from '../shared/outputs';
import type { ConsoleAuth, TokenUse } from './auth';

interface SignedIn {
  username: string;
  groups: string[];
}

async function signedInUser(): Promise<SignedIn | null> {
  try {
    const { username } = await getCurrentUser();
    const { tokens } = await fetchAuthSession();
    const groups = (tokens?.idToken?.payload['cognito:groups'] as string[] | undefined) ?? [];
    return { username, groups };
  } catch {
    return null;
  }
}

function UserPoolLogin(props: { outputs: LoadedOutputs; onSignedIn: (user: SignedIn) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signIn({ username, password });
      if (result.nextStep.signInStep !== 'DONE') throw new Error(`this user needs a step the console does not offer (${result.nextStep.signInStep})`);
      const user = await signedInUser();
      if (user) props.onSignedIn(user);
    } catch (e) {
      setError(plainError(e, 'Login failed'));
    } finally {
      setBusy(false);
    }
  }

  const users = props.outputs.twin?.users ?? [];
  return h(
    'form',
    { className: 'auth-row', onSubmit: submit, 'aria-label': 'Log in with User Pools' },
    h('label', { htmlFor: 'console-username' }, 'User name'),
    h('input', { id: 'console-username', autoComplete: 'username', required: true, value: username, onChange: (e) => setUsername(e.target.value) }),
    h('label', { htmlFor: 'console-password' }, 'Password'),
    h('input', {
      id: 'console-password',
      type: 'password',
      autoComplete: 'current-password',
      required: true,
      value: password,
      onChange: (e) => setPassword(e.target.value),
    }),
    h('button', { type: 'submit', className: 'primary', disabled: busy }, busy ? 'Logging in…' : 'Log in'),
    users.length > 0 &&
      h(
        'span',
        { className: 'hints' },
        'Seeded users: ',
        users.map((user) =>
          h(
            'button',
            {
              key: user.username,
              type: 'button',
              className: 'link',
              title: user.groups.length ? user.groups.join(', ') : 'no group',
              'aria-label': `Fill in ${user.username} (${user.groups.length ? user.groups.join(', ') : 'no group'})`,
              onClick: () => {
                setUsername(user.username);
                setPassword(user.password);
              },
            },
            user.username,
          ),
        ),
      ),
    error && h('p', { className: 'error', role: 'alert' }, error),
  );
}

function UserPoolSession(props: { user: SignedIn; tokenUse: TokenUse; onTokenUse: (use: TokenUse) => void; onSignedOut: () => void }) {
  return h(
    'div',
    { className: 'auth-row' },
    h('span', { role: 'status' }, `Logged in as ${props.user.username}`, h('span', { className: 'muted' }, ` (${props.user.groups.length ? props.user.groups.join(', ') : 'no group'})`)),
    h('label', { htmlFor: 'console-token-use' }, 'Token in Authorization'),
    h(
      'select',
      { id: 'console-token-use', value: props.tokenUse, onChange: (e) => props.onTokenUse((e.target as HTMLSelectElement).value as TokenUse) },
      h('option', { value: 'id' }, 'ID token (as the AppSync console sends it)'),
      h('option', { value: 'access' }, 'Access token (as Amplify sends it)'),
    ),
    h(
      'button',
      {
        type: 'button',
        onClick: () => {
          void signOut().finally(props.onSignedOut);
        },
      },
      'Log out',
    ),
  );
}

function IamKeyFields(props: { outputs: LoadedOutputs; auth: Extract<ConsoleAuth, { mode: 'iam' }>; onChange: (auth: ConsoleAuth) => void }) {
  const { auth } = props;
  return h(
    'div',
    { className: 'auth-row', role: 'group', 'aria-label': 'IAM key' },
    h('label', { htmlFor: 'console-access-key' }, 'Access key ID'),
    h('input', { id: 'console-access-key', autoComplete: 'off', spellCheck: false, value: auth.accessKeyId, onChange: (e) => props.onChange({ ...auth, accessKeyId: e.target.value.trim() }) }),
    h('label', { htmlFor: 'console-secret-key' }, 'Secret access key'),
    h('input', {
      id: 'console-secret-key',
      type: 'password',
      autoComplete: 'off',
      value: auth.secretAccessKey,
      onChange: (e) => props.onChange({ ...auth, secretAccessKey: e.target.value.trim() }),
    }),
    !props.outputs.twin &&
      h('label', { htmlFor: 'console-session-token' }, 'Session token'),
    !props.outputs.twin &&
      h('input', { id: 'console-session-token', type: 'password', autoComplete: 'off', value: auth.sessionToken ?? '', onChange: (e) => props.onChange({ ...auth, sessionToken: e.target.value.trim() || undefined }) }),
    h(
      'span',
      { className: 'muted' },
      props.outputs.twin ? `The twin's local key (also in its banner). SigV4, service appsync, ${props.outputs.region}.` : `SigV4, service appsync, ${props.outputs.region}. Kept in this page only.`,
    ),
  );
}

export function AuthPanel(props: { outputs: LoadedOutputs; auth: ConsoleAuth; onChange: (auth: ConsoleAuth) => void }) {
  const { outputs, auth, onChange } = props;
  const [user, setUser] = useState<SignedIn | null>(null);
  const [tokenUse, setTokenUse] = useState<TokenUse>('id');
  useEffect(() => {
    void signedInUser().then(setUser);
  }, []);

  function chooseMode(mode: ConsoleAuth['mode']) {
    if (mode === 'userPool') onChange({ mode, tokenUse });
    else onChange({ mode, accessKeyId: outputs.twin?.iam?.accessKeyId ?? '', secretAccessKey: outputs.twin?.iam?.secretAccessKey ?? '' });
  }

  return h(
    'section',
    { className: 'auth-panel', 'aria-label': 'Authorization' },
    h('label', { htmlFor: 'console-auth-mode' }, 'Authorization mode'),
    h(
      'select',
      { id: 'console-auth-mode', value: auth.mode, onChange: (e) => chooseMode((e.target as HTMLSelectElement).value as ConsoleAuth['mode']) },
      h('option', { value: 'userPool' }, 'Amazon Cognito user pool'),
      h('option', { value: 'iam' }, 'AWS Identity and Access Management (IAM)'),
    ),
    auth.mode === 'userPool' &&
      (user
        ? h(UserPoolSession, {
            user,
            tokenUse,
            onTokenUse: (use) => {
              setTokenUse(use);
              onChange({ mode: 'userPool', tokenUse: use });
            },
            onSignedOut: () => setUser(null),
          })
        : h(UserPoolLogin, { outputs, onSignedIn: setUser })),
    auth.mode === 'iam' && h(IamKeyFields, { outputs, auth, onChange }),
  );
}
