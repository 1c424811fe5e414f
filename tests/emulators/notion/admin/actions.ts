// What tests and the demo can do besides calling the API: act as a person (edit properties,
// replace or edit a page's markdown, comment, create a row — the change is stamped with that
// person and its webhook lists them as author), move the clock, share pages, reset or reseed,
// and configure webhooks and the request budget. The admin HTTP endpoints call these.
import type { CreateCommentParameters, CreatePageParameters, MovePageParameters, UpdatePageParameters } from '@notionhq/client';
import type { LoggedRequest } from '../../shared/server';
import type { ChangeEvent, OperationContext } from '../context';
import { notFound, validationError } from '../errors';
import { newId, normalizeId } from '../ids';
import { checkRequestLimits } from '../limits';
import type { MarkdownEdit } from '../markdown/edit';
import type { Store } from '../model/store';
import { createComment } from '../operations/comments';
import { pageMarkdown, updateMarkdown } from '../operations/content';
import { createPage, movePage, updatePage } from '../operations/pages';
import type { RateLimit, RateLimiter, RateLimits } from '../rate-limit';
import { describeRequestErrors, type SchemaChecker, type SchemaViolation } from '../schema/checker';
import type { SdkTypeName } from '../schema/sdk-types';
import type { NotionSeed } from '../seed';
import { stateFromSeed } from '../seed-apply';
import { commentObject, pageObject } from '../serialize/objects';
import { userObject } from '../serialize/users';
import type { DeliveryRecord, WebhookDispatcher, WebhookKnobs, WebhookSettings } from '../webhooks/dispatcher';

export interface AdminDeps {
  store: Store;
  checker: SchemaChecker;
  limiter: RateLimiter;
  webhooks: WebhookDispatcher;
  requests: LoggedRequest[];
  initialSeed: NotionSeed;
  persist(): void;
}

export type PersonPageUpdate = Pick<UpdatePageParameters, 'properties' | 'in_trash' | 'icon' | 'cover'>;

export function createAdminActions(deps: AdminDeps) {
  const { store, checker, webhooks } = deps;
  const emit = (event: ChangeEvent) => webhooks.emit(event);

  const asPerson = (personId: string): OperationContext => {
    const id = normalizeId(personId);
    const user = id ? store.user(id) : undefined;
    if (!user || user.type !== 'person') throw notFound('user', personId, 'admin');
    const integration = store.state.integrations[0];
    if (!integration) throw validationError('The stand-in has no integration to report changes to.');
    return { store, version: '2025-09-03', integration, actor: { type: 'person', id: user.id }, emit };
  };

  /** A person's edits obey the same shapes and limits as the API's, without counting as API traffic. */
  const validate = (type: SdkTypeName, input: Record<string, unknown>) => {
    checkRequestLimits(input);
    const errors = checker.validate(type, '2025-09-03', input);
    if (errors) throw validationError(describeRequestErrors(errors, input, () => 'body'));
  };

  const load = (state: ReturnType<typeof stateFromSeed>) => {
    store.state = state;
    deps.persist();
  };

  return {
    /** Every request the stand-in received (admin calls included). */
    requestLog: (): LoggedRequest[] => deps.requests,
    /** Back to the seed the stand-in started with (or the given one); clears the request log. */
    reset(seed: NotionSeed = deps.initialSeed): void {
      load(stateFromSeed(seed, store.clock));
      deps.requests.splice(0, deps.requests.length);
      deps.limiter.configure(undefined);
    },
    /** Replaces the whole workspace with a seed. */
    loadSeed(seed: NotionSeed): void {
      load(stateFromSeed(seed, store.clock));
    },
    now: (): Date => store.clock.now(),
    setClock(at: Date | string): void {
      store.clock.set(new Date(at));
    },
    advanceClock(ms: number): void {
      store.clock.advance(ms);
    },
    createPerson(person: { name: string; email?: string; id?: string }) {
      const id = person.id ? normalizeId(person.id) : newId();
      if (!id) throw validationError(`${person.id} is not a UUID.`);
      store.state.users[id] = { id, type: 'person', name: person.name, avatar_url: null, ...(person.email ? { email: person.email } : {}) };
      store.changed();
      return userObject(store.state.users[id]!, store);
    },
    createPageAsPerson(personId: string, params: CreatePageParameters) {
      validate('CreatePageParameters', params as Record<string, unknown>);
      return pageObject(createPage(asPerson(personId), params), store, '2025-09-03');
    },
    updatePageAsPerson(personId: string, pageId: string, update: PersonPageUpdate) {
      validate('UpdatePageParameters', { ...update, page_id: pageId });
      return pageObject(updatePage(asPerson(personId), pageId, update), store, '2025-09-03');
    },
    movePageAsPerson(personId: string, pageId: string, parent: MovePageParameters['parent']) {
      validate('MovePageParameters', { parent, page_id: pageId });
      return pageObject(movePage(asPerson(personId), pageId, parent), store, '2025-09-03');
    },
    replaceMarkdownAsPerson(personId: string, pageId: string, markdown: string, options: { allowDeletingContent?: boolean } = {}) {
      return updateMarkdown(asPerson(personId), pageId, {
        type: 'replace_content',
        replace_content: { new_str: markdown, allow_deleting_content: options.allowDeletingContent ?? false },
      });
    },
    editMarkdownAsPerson(personId: string, pageId: string, edit: MarkdownEdit) {
      validate('UpdatePageMarkdownParameters', { ...edit, page_id: pageId });
      return updateMarkdown(asPerson(personId), pageId, edit);
    },
    pageMarkdown(pageId: string) {
      const integration = store.state.integrations[0]!;
      return pageMarkdown({ store, version: '2025-09-03', integration, actor: { type: 'person', id: '' }, emit }, pageId);
    },
    commentAsPerson(personId: string, params: CreateCommentParameters) {
      validate('CreateCommentParameters', params as Record<string, unknown>);
      return commentObject(createComment(asPerson(personId), params), store);
    },
    /** Resolving hides a discussion from GET /v1/comments (it lists unresolved comments only). */
    resolveDiscussion(discussionId: string): void {
      const comments = Object.values(store.state.comments).filter((c) => c.discussionId === normalizeId(discussionId));
      if (comments.length === 0) throw notFound('discussion', discussionId, 'admin');
      for (const c of comments) c.resolved = true;
      store.changed();
    },
    share(ids: string[], integrationKey?: string): void {
      const integration = findIntegration(store, integrationKey);
      for (const raw of ids) {
        const id = normalizeId(raw) ?? raw;
        if (!integration.shared.includes(id)) integration.shared.push(id);
      }
      store.changed();
    },
    unshare(ids: string[], integrationKey?: string): void {
      const integration = findIntegration(store, integrationKey);
      const drop = new Set(ids.map((raw) => normalizeId(raw) ?? raw));
      integration.shared = integration.shared.filter((id) => !drop.has(id));
      store.changed();
    },
    configureWebhook(settings: WebhookSettings | undefined): void {
      webhooks.configure(settings);
    },
    webhookSubscription() {
      const s = webhooks.settings;
      if (!s) return undefined;
      const { random: _random, ...rest } = s;
      return { ...rest, confirmed: webhooks.confirmed };
    },
    confirmWebhook(): void {
      webhooks.confirm();
    },
    setWebhookKnobs(knobs: WebhookKnobs): void {
      webhooks.setKnobs(knobs);
    },
    /** Delivers held events and waits until every delivery (retries included) is done. */
    settleWebhooks: (): Promise<void> => webhooks.idle(),
    webhookDeliveries: (): DeliveryRecord[] => webhooks.deliveries,
    /** A bare `{requests, perMs}` limits each connection; `{connection?, workspace?}` sets either or both. */
    setRateLimit(limit: RateLimit | RateLimits | undefined): void {
      deps.limiter.configure(limit);
    },
    listSchemaViolations: (): SchemaViolation[] => checker.violations,
    /** Returns and forgets the violations, for tests that send malformed requests on purpose. */
    takeSchemaViolations: (): SchemaViolation[] => checker.take(),
  };
}

export type AdminActions = ReturnType<typeof createAdminActions>;

function findIntegration(store: Store, key?: string) {
  const integration = key ? (store.integrationByToken(key) ?? store.integrationByBot(key)) : store.state.integrations[0];
  if (!integration) throw validationError(`No integration ${key ?? ''}`.trim());
  return integration;
}
