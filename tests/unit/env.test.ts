import { describe, expect, it } from 'vitest';
import { ConfigError, integrations, loadConfig, missingSettings } from '../../src/env';
import { DELIVERY_GRACE_MS } from '../../src/review/reconcile-rule';

const bindings = { DB: {}, RUN_WORKFLOW: {} };

describe('configuration', () => {
  it('starts with only the bindings and reports every integration as not configured', () => {
    const config = loadConfig({ ...bindings });
    expect(config.defaultTimeZone).toBe('UTC');
    expect(config.reviewTimeoutDays).toBe(7);
    expect(integrations(config)).toEqual({ notion: false, notionWebhooks: false, drive: false, drivePush: false, model: true, api: false });
  });

  it('names a malformed setting and where to set it, without echoing secrets', () => {
    const attempt = () =>
      loadConfig({ ...bindings, NOTION_API_URL: 'not a url', DEFAULT_TIME_ZONE: 'Mars/Olympus', MODEL_API_KEY: 'sk-secret-123' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('NOTION_API_URL must be a full URL');
      expect(message).toContain('DEFAULT_TIME_ZONE must be an IANA time zone');
      expect(message).toContain('[vars] in wrangler.toml');
      expect(message).not.toContain('sk-secret-123');
      expect(message).not.toContain('not a url');
    }
  });

  it('waits for comment events before learning as long as Notion may take to deliver one, unless set; a bad wait is named with what to write', () => {
    expect(loadConfig({ ...bindings }).learnAfterMs).toBe(DELIVERY_GRACE_MS);
    expect(loadConfig({ ...bindings, LEARN_AFTER_SECONDS: '2' }).learnAfterMs).toBe(2000);
    for (const bad of ['0', '1.5', 'five minutes']) {
      expect(() => loadConfig({ ...bindings, LEARN_AFTER_SECONDS: bad })).toThrow(/LEARN_AFTER_SECONDS must be a whole number of seconds greater than 0 \(set it in \[vars\] in wrangler\.toml or \.dev\.vars\)/);
      expect(() => loadConfig({ ...bindings, REVIEW_RECONCILE_BACKSTOP_SECONDS: bad })).toThrow(/REVIEW_RECONCILE_BACKSTOP_SECONDS must be a whole number of seconds greater than 0/);
    }
  });

  it('says which binding is missing', () => {
    expect(() => loadConfig({ RUN_WORKFLOW: {} })).toThrow(/DB is missing: add the \[\[d1_databases\]\] binding/);
  });

  it('lists the settings an integration still needs', () => {
    const config = loadConfig({ ...bindings, NOTION_TOKEN: 'secret_x' });
    expect(missingSettings(config, 'notion')).toEqual([
      'NOTION_WORKFLOWS_DATA_SOURCE_ID (set it in [vars] in wrangler.toml or .dev.vars)',
      'NOTION_RUNS_DATA_SOURCE_ID (set it in [vars] in wrangler.toml or .dev.vars)',
    ]);
    expect(missingSettings(config, 'drive')[1]).toBe('GOOGLE_PRIVATE_KEY (set it in .dev.vars locally, or `wrangler secret put GOOGLE_PRIVATE_KEY`)');
  });
});
