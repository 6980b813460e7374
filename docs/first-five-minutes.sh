# The README's "First five minutes", one step per "## " heading, run in the repository with the
# twin running (`npm start` in another terminal). test/e2e/readme-commands.test.ts pastes these
# steps one by one into a bash session against a twin started the same way, and checks that the
# README shows each step exactly as written here.

## 1. A token for a seeded user (alice is in Admins and Members)
TOKEN=$(npm run -s token -- alice)
echo "$TOKEN"

## 2. The same sign-in as the raw Cognito call (the twin serves Cognito on its own origin)
API=$(node -p "require('./amplify_outputs.json').data.url")
CLIENT_ID=$(node -p "require('./amplify_outputs.json').auth.user_pool_client_id")
curl -s "${API%/graphql}/" \
  -H 'content-type: application/x-amz-json-1.1' \
  -H 'x-amz-target: AWSCognitoIdentityProviderService.InitiateAuth' \
  -d '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"'"$CLIENT_ID"'","AuthParameters":{"USERNAME":"alice","PASSWORD":"Alice#Local1"}}' \
  | jq '.AuthenticationResult | keys'

## 3. A mutation and a query with curl (the token goes in Authorization, without "Bearer")
ROOM=$(curl -s "$API" -H "Authorization: $TOKEN" -H 'content-type: application/json' \
  -d '{"query":"mutation { createRoom(name: \"First room\") { id name } }"}' | jq -r .data.createRoom.id)
echo "room $ROOM"
curl -s "$API" -H "Authorization: $TOKEN" -H 'content-type: application/json' \
  -d '{"query":"{ myRooms { id name } }"}' | jq -c .

## 4. A subscription over AppSync's realtime protocol, in the background: wait for "subscribed"
npm run -s subscribe -- "$ROOM" "$TOKEN" &

## 5. Send a message: the mutation answers, and the subscription prints it
curl -s "$API" -H "Authorization: $TOKEN" -H 'content-type: application/json' \
  -d '{"query":"mutation($r: ID!) { sendMessage(roomId: $r, content: \"Hello from curl\", clientMessageId: \"readme-1\") { roomId id sender content createdAt } }","variables":{"r":"'"$ROOM"'"}}' \
  | jq -c .

## 6. Stop the subscription
kill %1
