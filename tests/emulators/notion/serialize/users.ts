// User objects (reference/user): people carry `person.email`, bots carry `bot`; GET
// /v1/users/me also describes the bot's owner and workspace.
import type { UserObjectResponse } from '@notionhq/client';
import type { Store } from '../model/store';
import type { StoredUser } from '../model/types';

export function userObject(user: StoredUser, store: Store, options: { self?: boolean } = {}): UserObjectResponse {
  const common = { object: 'user' as const, id: user.id, name: user.name, avatar_url: user.avatar_url };
  if (user.type === 'person') return { ...common, type: 'person', person: user.email ? { email: user.email } : {} };
  if (!options.self) return { ...common, type: 'bot', bot: {} };
  return {
    ...common,
    type: 'bot',
    bot: {
      owner: { type: 'workspace', workspace: true },
      workspace_id: store.state.workspace.id,
      workspace_name: store.state.workspace.name,
      workspace_limits: { max_file_upload_size_in_bytes: 5_368_709_120 },
    },
  };
}

export function partialUser(id: string) {
  return { object: 'user' as const, id };
}
