// changes.watch and channels.stop.
// https://developers.google.com/workspace/drive/api/reference/rest/v3/changes/watch,
// …/reference/rest/v3/channels/stop and …/guides/push. Rules kept:
// - Body: id (required, at most 64 characters, unique), type "web_hook" (or "webhook"), address
//   (required, HTTPS), optional token (at most 256 characters) and expiration (Unix ms).
// - Expiration defaults to one hour and is capped at one week for changes channels; the response
//   carries the expiration actually granted, with resourceId and resourceUri.
// - A `sync` message follows the watch, possibly before its response arrives.
// - channels.stop takes {id, resourceId}; an unknown pair is 404.
// Deviation: plain http is accepted for loopback addresses (127.0.0.1, localhost, ::1), since tests
// and the offline demo have no certificate; Google would refuse them.
import type { OutgoingResponse } from '../shared/server';
import { json, jsonBody, type ApiContext } from './api-context';
import { changeScope, parsePageToken } from './changes';
import { DriveApiError, driveErrors } from './google-errors';
import { newResourceId } from './ids';
import type { Pusher } from './push';
import { CHANNEL } from './resource-shapes';
import type { ChannelRecord } from './state';
import { requireAccess } from './token-endpoint';

const HOUR_MS = 3600_000;
const WEEK_MS = 604_800_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const pushError = (reason: string, message: string) => new DriveApiError(400, { domain: 'push', reason, message });
const badChannel = (reason: string, message: string) => new DriveApiError(400, { domain: 'global', reason, message });

export function watchChanges(ctx: ApiContext, pusher: Pusher): OutgoingResponse {
  requireAccess(ctx.grant, 'metadata');
  const pageToken = String(parsePageToken(ctx));
  const scope = changeScope(ctx);
  const body = jsonBody(ctx.request) as Record<string, unknown>;
  const { id, type, address, token, expiration } = body ?? {};

  if (typeof id !== 'string' || id === '') throw driveErrors.required('id');
  if (id.length > 64 || !/^[A-Za-z0-9\-_+/=]+$/.test(id)) throw badChannel('channelIdInvalid', 'Channel id must match [A-Za-z0-9\\-_\\+/=]+ and be at most 64 characters.');
  if (typeof type !== 'string' || type === '') throw driveErrors.required('type');
  if (!['web_hook', 'webhook'].includes(type.toLowerCase())) throw pushError('push.channelTypeNotSupported', `Channel type "${type}" is not supported.`);
  if (typeof address !== 'string' || address === '') throw driveErrors.required('address');
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw pushError('push.webhookUrlNoHostOrAddress', `No host or address in the WebHook callback URL: ${address}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw pushError('push.webhookUrlNotHttps', `WebHook callback must be HTTPS: ${address}`);
  }
  if (token !== undefined && (typeof token !== 'string' || token.length > 256)) throw driveErrors.invalidValue('token', 'Channel token must be a string of at most 256 characters.');
  const now = ctx.clock.now();
  let requested = now + HOUR_MS;
  if (expiration !== undefined && expiration !== null) {
    const ms = Number(expiration);
    if (!Number.isInteger(ms)) throw driveErrors.invalidValue('expiration');
    if (ms <= now) throw driveErrors.invalidValue('expiration', 'Channel expiration must be in the future.');
    requested = ms;
  }
  if (ctx.store.state.channels.some((c) => c.id === id && c.expiration > now)) throw badChannel('channelIdNotUnique', `Channel id ${id} not unique`);

  const uri = new URL(`${ctx.viewer.baseUrl}/drive/v3/changes`);
  uri.searchParams.set('alt', 'json');
  uri.searchParams.set('pageToken', pageToken);
  if (scope.driveId) uri.searchParams.set('driveId', scope.driveId);
  const channel: ChannelRecord = {
    id,
    resourceId: newResourceId(),
    resourceUri: uri.toString(),
    token,
    address,
    // "Google applies the stricter of your value and its own limit" (push guide); the knob lowers
    // Google's limit, as receivers must take the granted expiration from the answer.
    expiration: Math.min(requested, now + Math.min(WEEK_MS, pusher.knobs.channelLifetimeMs)),
    pageToken,
    driveId: scope.driveId,
    includeItemsFromAllDrives: scope.includeItemsFromAllDrives,
    messageNumber: 0,
  };
  ctx.store.state.channels = ctx.store.state.channels.filter((c) => c.id !== id);
  ctx.store.state.channels.push(channel);
  pusher.sync(channel);
  const response = {
    kind: 'api#channel',
    id,
    resourceId: channel.resourceId,
    resourceUri: channel.resourceUri,
    token,
    expiration: String(channel.expiration),
  };
  if (token === undefined) delete response.token;
  return json(response, ctx, 'kind,id,resourceId,resourceUri,token,expiration', CHANNEL);
}

export function stopChannel(ctx: ApiContext): OutgoingResponse {
  requireAccess(ctx.grant, 'metadata');
  const body = jsonBody(ctx.request) as Record<string, unknown>;
  const { id, resourceId } = body ?? {};
  if (typeof id !== 'string' || id === '') throw driveErrors.required('id');
  if (typeof resourceId !== 'string' || resourceId === '') throw driveErrors.required('resourceId');
  const channels = ctx.store.state.channels;
  const index = channels.findIndex((c) => c.id === id && c.resourceId === resourceId);
  if (index < 0) {
    throw new DriveApiError(404, { domain: 'global', reason: 'notFound', message: `Channel '${id}' not found for project 'stand-in'` });
  }
  channels.splice(index, 1);
  ctx.store.persist();
  return { status: 204 };
}
