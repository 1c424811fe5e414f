// The Notion-Version values the stand-in answers. 2025-09-03 introduced data sources;
// 2026-03-11 replaced `after` with `position` and removed `archived` (upgrade guide 2026-03-11).
export const NOTION_VERSIONS = ['2025-09-03', '2026-03-11'] as const;
export type NotionVersion = (typeof NOTION_VERSIONS)[number];

export function isNotionVersion(value: string): value is NotionVersion {
  return (NOTION_VERSIONS as readonly string[]).includes(value);
}
