/**
 * The README's "First five minutes" as a newcomer pastes it: every step of
 * docs/first-five-minutes.sh, one after the other in one bash session, against a twin started
 * with `npm start` in a child process; and the README shows exactly those steps, so the two
 * cannot drift. Expected answers come from the contract and Cognito's and AppSync's shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BashSession } from './support/bash-session';
import { npmStartTwin, type NpmStartTwin } from './support/npm-start-twin';

const REPO_ROOT = join(__dirname, '..', '..');
const STEPS_FILE = join(REPO_ROOT, 'docs', 'first-five-minutes.sh');

interface Step {
  title: string;
  commands: string;
}

/** The steps: a "## " heading, then its commands up to the next heading. */
function readSteps(): Step[] {
  const steps: Step[] = [];
  for (const line of readFileSync(STEPS_FILE, 'utf8').split('\n')) {
    if (line.startsWith('## ')) steps.push({ title: line.slice(3), commands: '' });
    else if (steps.length > 0) steps[steps.length - 1].commands += `${line}\n`;
  }
  return steps.map((step) => ({ ...step, commands: step.commands.trim() }));
}

const STEPS = readSteps();
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('the README\'s first five minutes', () => {
  let twin: NpmStartTwin;
  let bash: BashSession;

  beforeAll(async () => {
    twin = await npmStartTwin();
    bash = new BashSession(twin.dir);
  }, 180_000);

  afterAll(async () => {
    await bash?.close();
    await twin?.stop();
  }, 30_000);

  it('has the six steps, each with commands', () => {
    expect(STEPS.map((step) => step.title.split('.')[0])).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const step of STEPS) expect(step.commands).not.toBe('');
  });

  it('works when pasted step by step into a shell, against the twin `npm start` runs', async () => {
    const [token, cognito, curl, subscribe, send, stop] = STEPS;

    // 1. npm run token prints alice's access token (Cognito's claims: token_use, username).
    const first = await bash.run(token.commands);
    expect(first.status).toBe(0);
    const printed = first.output.trim();
    expect(printed).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(jwtPayload(printed)).toMatchObject({ token_use: 'access', username: 'alice' });

    // 2. The raw InitiateAuth answers Cognito's AuthenticationResult.
    const second = await bash.run(cognito.commands);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.output)).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);

    // 3. createRoom answers the new room's id; myRooms lists it (the caller became a member).
    const third = await bash.run(curl.commands);
    expect(third.status).toBe(0);
    const [roomLine, roomsLine] = third.output.trim().split('\n');
    const roomId = roomLine.replace(/^room /, '');
    expect(roomId).toMatch(ULID);
    expect(JSON.parse(roomsLine)).toEqual({ data: { myRooms: [{ id: roomId, name: 'First room' }] } });

    // 4. The subscription goes live (start_ack) in the background.
    const fourth = await bash.run(subscribe.commands);
    expect(fourth.status).toBe(0);
    await bash.waitFor(/subscribed to onNewMessage\(roomId: "[0-9A-Z]{26}"\)/);

    // 5. sendMessage answers the stored message; the subscriber prints the same message.
    const fifth = await bash.run(send.commands);
    expect(fifth.status).toBe(0);
    const sent = JSON.parse(fifth.output.trim().split('\n').find((line) => line.startsWith('{"data"')) ?? 'null') as { data: { sendMessage: Record<string, unknown> } };
    expect(sent).toEqual({
      data: { sendMessage: { roomId, id: expect.stringMatching(ULID), sender: 'alice', content: 'Hello from curl', createdAt: expect.any(String) } },
    });
    const { id, createdAt } = sent.data.sendMessage;
    const delivered = await bash.waitFor(/^\{"id".*"Hello from curl".*\}$/m);
    expect(JSON.parse(delivered[0])).toEqual({ id, sender: 'alice', content: 'Hello from curl', createdAt });

    // 6. kill %1 ends the subscriber.
    const sixth = await bash.run(stop.commands);
    expect(sixth.status).toBe(0);
  }, 120_000);

  it('is what the README shows, step by step', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const shown = STEPS.map((step) => ({ step: step.title, shown: readme.includes(`\`\`\`sh\n${step.commands}\n\`\`\``) }));
    expect(shown).toEqual(STEPS.map((step) => ({ step: step.title, shown: true })));
  });
});
