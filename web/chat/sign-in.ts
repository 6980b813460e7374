/// <reference lib="dom" />
/** The sign-in form (Amplify's default SRP flow); on the twin, the seeded users as hints. */
import { useState } from 'react';
import { signIn } from 'aws-amplify/auth';
import { h } from '../shared/h';
import { plainError } from '../shared/errors';
import type { TwinExtras } from '../shared/outputs';

export function SignIn(props: { twin: TwinExtras | null; notice?: string | null; onSignedIn: () => void }) {
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
      if (result.nextStep.signInStep !== 'DONE') {
        setError(`Sign-in needs a step this page does not offer (${result.nextStep.signInStep}).`);
        return;
      }
      props.onSignedIn();
    } catch (e) {
      setError(plainError(e, 'Sign-in failed'));
    } finally {
      setBusy(false);
    }
  }

  return h(
    'main',
    { className: 'sign-in' },
    h(
      'form',
      { className: 'card', onSubmit: submit, 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Sign in to chat'),
      props.notice && h('p', { className: 'notice', role: 'status' }, props.notice),
      h('label', { htmlFor: 'username' }, 'User name'),
      h('input', { id: 'username', name: 'username', autoComplete: 'username', autoFocus: true, required: true, value: username, onChange: (e) => setUsername(e.target.value) }),
      h('label', { htmlFor: 'password' }, 'Password'),
      h('input', {
        id: 'password',
        name: 'password',
        type: 'password',
        autoComplete: 'current-password',
        required: true,
        value: password,
        onChange: (e) => setPassword(e.target.value),
      }),
      error && h('p', { className: 'error', role: 'alert' }, error),
      h('button', { type: 'submit', className: 'primary', disabled: busy }, busy ? 'Signing in…' : 'Sign in'),
      props.twin &&
        h(
          'div',
          { className: 'hints' },
          h('p', null, 'Local twin: seeded users'),
          h(
            'ul',
            null,
            props.twin.users.map((user) =>
              h(
                'li',
                { key: user.username },
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'link',
                    onClick: () => {
                      setUsername(user.username);
                      setPassword(user.password);
                    },
                  },
                  `${user.username}`,
                ),
                ` (${user.groups.length ? user.groups.join(', ') : 'no group'})`,
              ),
            ),
          ),
        ),
    ),
  );
}
