import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { LoggedQuestion } from '../../insights/record/question-log.js';
import type { InsightsReport } from '../../insights/report/build-report.js';
import { clusterQuestions, type QuestionCluster } from '../../insights/report/cluster-questions.js';
import { draftFromCluster, TODO, todoUrl } from '../../insights/report/entry-draft.js';
import { reportCsv } from '../../insights/report/report-csv.js';
import { entrySchema } from '../../knowledge/entry-schema.js';
import { surfaceTokens } from '../../knowledge/text-features.js';
import { realMatcher } from '../support/shared-knowledge.js';

const matcher = realMatcher();
const deps = {
  features: (t: string) => matcher.textFeatures(t),
  words: surfaceTokens,
  title: (id: string) => matcher.entry(id)?.title,
};
let n = 0;
const q = (text: string, who = 'p1', at = `2026-03-0${1 + (n % 8)}T10:00:00.000Z`): LoggedQuestion => ({
  id: `q${++n}`,
  at,
  channel: 'slack',
  who,
  outcome: 'nomatch',
  text,
  considered: [{ id: 'firewall-after-restore', score: 0.2 }],
});

describe('grouping unanswered questions', () => {
  it('puts paraphrases together with the matcher’s own features, newest first, and the rest apart', () => {
    const groups = clusterQuestions(
      [
        q('how do I configure pgbouncer after a geo restore', 'p1', '2026-03-01T10:00:00.000Z'),
        q('pgbouncer configuration after geo-restore', 'p2', '2026-03-03T10:00:00.000Z'),
        q('configure pgbouncer on the restored server', 'p3', '2026-03-02T10:00:00.000Z'),
        q('who won the football match yesterday'),
        q('how do I bake sourdough bread'),
      ],
      deps,
    );
    expect(groups.map((g) => g.count)).toEqual([3, 1, 1]);
    const [pgbouncer] = groups;
    expect(pgbouncer?.label).toContain('pgbouncer');
    expect(pgbouncer?.people).toBe(3);
    expect(pgbouncer?.questions.map((x) => x.at)).toEqual([
      '2026-03-03T10:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-01T10:00:00.000Z',
    ]);
    expect(pgbouncer?.nearest).toEqual([
      { id: 'firewall-after-restore', title: expect.any(String), score: 0.2 },
    ]);
  });
});

describe('a draft entry from a group', () => {
  it('fits the entry schema once its TODO fields are written, and carries no personal data', () => {
    const questions = [
      q('pgbouncer on pg-orders-prod after restore, mail alice@contoso.com', 'p1'),
      q('configure pgbouncer for server pgorders01 at 10.1.2.3 after a geo-restore', 'p2'),
    ];
    const group: QuestionCluster = {
      id: 'q1',
      label: 'pgbouncer · restore',
      count: 2,
      people: 2,
      typical: questions.map((x) => x.text),
      questions,
      nearest: [
        { id: 'firewall-after-restore', title: 'Firewall', score: 0.2 },
        { id: 'human', title: 'Talk to a person', score: 0.1 },
      ],
    };
    const yaml = draftFromCluster(group, {
      taken: (id) => matcher.entry(id) !== undefined,
      isFaq: (id) => matcher.entry(id)?.kind === 'faq',
      today: '2026-03-09',
    });
    expect(yaml).not.toMatch(/pg-orders-prod|pgorders01|alice|contoso|10\.1\.2\.3/);
    const draft = parse(yaml);
    expect(draft.examples.slice(0, 2).sort()).toEqual([
      'configure pgbouncer for server <server> at <ip> after a geo-restore',
      'pgbouncer on <server> after restore, mail <email>',
    ]);
    expect(draft.followUps).toEqual(['firewall-after-restore']);
    expect(entrySchema.safeParse(draft).success).toBe(true); // valid YAML of the schema, but…
    const todo = JSON.stringify(draft).match(new RegExp(`${TODO}[^"]*|${todoUrl}`, 'g')) ?? [];
    expect(todo.length).toBeGreaterThanOrEqual(10); // …title, short, answer, source and padding still to write
    expect(yaml).toContain(`# ${TODO}: keep the models it applies to`);
    expect(matcher.entry(draft.id)).toBeUndefined();
  });
});

describe('the CSV of a figure', () => {
  it('quotes what needs quoting and keeps a spreadsheet from running a question as a formula', () => {
    const report = {
      clusters: [
        {
          id: 'g1',
          label: 'x',
          count: 2,
          questions: [
            { ...q('=HYPERLINK("http://evil.example","click")'), at: '2026-03-01T10:00:00.000Z' },
            { ...q('a, "quoted"\nline'), at: '2026-03-01T11:00:00.000Z' },
          ],
          nearest: [],
        },
      ],
    } as unknown as InsightsReport;
    const lines = reportCsv(report, 'unanswered').split('\r\n');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(reportCsv(report, 'unanswered')).toContain('"a, ""quoted""\nline"');
  });
});
