// The SDK types the stand-in checks every request and response against. This file is the one
// entry point for ts-json-schema-generator: each key becomes a JSON Schema definition. The
// schemas themselves are generated (schema/generate.ts), never written or edited by hand.
import type {
  AppendBlockChildrenParameters,
  AppendBlockChildrenResponse,
  CommentCreatedWebhookPayload,
  CommentObjectResponse,
  CreateCommentParameters,
  CreateDatabaseParameters,
  CreatePageParameters,
  DatabaseObjectResponse,
  DataSourceObjectResponse,
  GetDatabaseParameters,
  GetDataSourceParameters,
  GetPageParameters,
  GetSelfParameters,
  GetUserParameters,
  ListBlockChildrenParameters,
  ListBlockChildrenResponse,
  ListCommentsParameters,
  ListCommentsResponse,
  ListUsersParameters,
  ListUsersResponse,
  MovePageParameters,
  PageContentUpdatedWebhookPayload,
  PageCreatedWebhookPayload,
  PageDeletedWebhookPayload,
  PageMovedWebhookPayload,
  PageObjectResponse,
  PagePropertiesUpdatedWebhookPayload,
  PageUndeletedWebhookPayload,
  QueryDataSourceParameters,
  QueryDataSourceResponse,
  SearchParameters,
  SearchResponse,
  UpdateDataSourceParameters,
  UpdatePageParameters,
  UserObjectResponse,
} from '@notionhq/client';
// The markdown endpoints' types are not re-exported from the SDK root in 5.26; the package has
// no exports map, so the module that declares them is imported directly.
import type {
  GetPageMarkdownParameters,
  PageMarkdownResponse,
  UpdatePageMarkdownParameters,
} from '@notionhq/client/build/src/api-endpoints';

export type NotionSdkTypes = {
  AppendBlockChildrenParameters: AppendBlockChildrenParameters;
  AppendBlockChildrenResponse: AppendBlockChildrenResponse;
  CommentCreatedWebhookPayload: CommentCreatedWebhookPayload;
  CommentObjectResponse: CommentObjectResponse;
  CreateCommentParameters: CreateCommentParameters;
  CreateDatabaseParameters: CreateDatabaseParameters;
  CreatePageParameters: CreatePageParameters;
  DatabaseObjectResponse: DatabaseObjectResponse;
  DataSourceObjectResponse: DataSourceObjectResponse;
  GetDatabaseParameters: GetDatabaseParameters;
  GetDataSourceParameters: GetDataSourceParameters;
  GetPageMarkdownParameters: GetPageMarkdownParameters;
  GetPageParameters: GetPageParameters;
  GetSelfParameters: GetSelfParameters;
  GetUserParameters: GetUserParameters;
  ListBlockChildrenParameters: ListBlockChildrenParameters;
  ListBlockChildrenResponse: ListBlockChildrenResponse;
  ListCommentsParameters: ListCommentsParameters;
  ListCommentsResponse: ListCommentsResponse;
  ListUsersParameters: ListUsersParameters;
  ListUsersResponse: ListUsersResponse;
  MovePageParameters: MovePageParameters;
  PageContentUpdatedWebhookPayload: PageContentUpdatedWebhookPayload;
  PageCreatedWebhookPayload: PageCreatedWebhookPayload;
  PageDeletedWebhookPayload: PageDeletedWebhookPayload;
  PageMovedWebhookPayload: PageMovedWebhookPayload;
  PageMarkdownResponse: PageMarkdownResponse;
  PageObjectResponse: PageObjectResponse;
  PagePropertiesUpdatedWebhookPayload: PagePropertiesUpdatedWebhookPayload;
  PageUndeletedWebhookPayload: PageUndeletedWebhookPayload;
  QueryDataSourceParameters: QueryDataSourceParameters;
  QueryDataSourceResponse: QueryDataSourceResponse;
  SearchParameters: SearchParameters;
  SearchResponse: SearchResponse;
  UpdateDataSourceParameters: UpdateDataSourceParameters;
  UpdatePageMarkdownParameters: UpdatePageMarkdownParameters;
  UpdatePageParameters: UpdatePageParameters;
  UserObjectResponse: UserObjectResponse;
};

export type SdkTypeName = keyof NotionSdkTypes;
