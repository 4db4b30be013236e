import { describe, expect, it } from 'vitest';
import { parseInsightsConfig } from '../../bot/config/insights.js';
import { loadConfig } from '../../bot/load-config.js';

const day = 86_400_000;

describe('the insights configuration', () => {
  it('keeps questions 90 days and idle conversations 30 days by default, with the page off', () => {
    const { config, problems } = parseInsightsConfig({});
    expect(problems).toEqual([]);
    expect(config).toEqual({ retentionMs: 90 * day, conversationRetentionMs: 30 * day });
  });

  it('turns the page on with a token of 32 characters or more and reads the retention in days', () => {
    const token = 't'.repeat(32);
    const key = 'k'.repeat(40);
    const { config } = parseInsightsConfig({
      INSIGHTS_TOKEN: token,
      INSIGHTS_PSEUDONYM_KEY: key,
      INSIGHTS_RETENTION_DAYS: '30',
      CONVERSATION_RETENTION_DAYS: '7',
    });
    expect(config).toEqual({
      token,
      pseudonymKey: key,
      retentionMs: 30 * day,
      conversationRetentionMs: 7 * day,
    });
  });

  it('reports every problem by variable name and never repeats a secret', () => {
    const secret = 'short-secret-value';
    expect(() =>
      loadConfig({
        INSIGHTS_TOKEN: secret,
        INSIGHTS_PSEUDONYM_KEY: secret,
        INSIGHTS_RETENTION_DAYS: '0',
        CONVERSATION_RETENTION_DAYS: 'a month',
      }),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /INSIGHTS_TOKEN is shorter than 32 characters[\s\S]*INSIGHTS_PSEUDONYM_KEY is shorter than 32 characters[\s\S]*INSIGHTS_RETENTION_DAYS must be a whole number of days from 1 to 3650[\s\S]*CONVERSATION_RETENTION_DAYS must be/,
        ),
      }),
    );
    try {
      loadConfig({ INSIGHTS_TOKEN: secret });
    } catch (err) {
      expect(String(err)).not.toContain(secret);
    }
  });
});
