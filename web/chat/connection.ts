/**
 * The realtime connection's state in four words a person understands, from Amplify's
 * CONNECTION_STATE_CHANGE events on the 'api' Hub channel.
 */
import { CONNECTION_STATE_CHANGE, ConnectionState } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';

export type ConnectionView = 'connecting' | 'live' | 'reconnecting' | 'offline';

export function connectionViewOf(state: ConnectionState): ConnectionView {
  switch (state) {
    case ConnectionState.Connected:
    case ConnectionState.ConnectedPendingKeepAlive:
    case ConnectionState.ConnectedPendingDisconnect:
      return 'live';
    case ConnectionState.Connecting:
      return 'connecting';
    case ConnectionState.ConnectionDisrupted:
      return 'reconnecting';
    case ConnectionState.ConnectedPendingNetwork:
    case ConnectionState.ConnectionDisruptedPendingNetwork:
    case ConnectionState.Disconnected:
      return 'offline';
  }
}

/** Calls back on every change; returns the stop function. */
export function watchConnection(onChange: (view: ConnectionView) => void): () => void {
  return Hub.listen('api', ({ payload }) => {
    if (payload.event === CONNECTION_STATE_CHANGE) {
      const { connectionState } = payload.data as { connectionState: ConnectionState };
      onChange(connectionViewOf(connectionState));
    }
  });
}
