import type { Request } from 'autocannon';
import { FORM, sign, slashCommand } from '../../support/slack-requests.js';
import { personalMessage } from '../../teams/teams-activities.js';

/** How many different people send the load: each has a conversation of their own, as in real use. */
const PEOPLE = 500;

/** Teams: a question in a personal chat, from one of many users, each POST with its own activity id. */
export function teamsRequests(serviceUrl: string, question: string): Request[] {
  let n = 0;
  const base = personalMessage(serviceUrl, question);
  return [
    {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => {
        const i = n++;
        const person = i % PEOPLE;
        const activity = {
          ...base,
          id: `load-${i}`,
          from: { ...base.from, id: `29:load-user-${person}`, aadObjectId: `load-user-${person}` },
          conversation: { ...base.conversation, id: `a:load-conversation-${person}` },
        };
        return { ...request, body: JSON.stringify(activity) };
      },
    },
  ];
}

/** Slack: `/georestore <question>`, signed now, from one of many users, each with its own trigger id. */
export function slackRequests(respondTo: (id: string) => string, question: string): Request[] {
  let n = 0;
  return [
    {
      method: 'POST',
      path: '/slack/events',
      setupRequest: (request) => {
        const i = n++;
        const id = `load-${i}`;
        const body = slashCommand({
          text: question,
          responseUrl: respondTo(id),
          userId: `U0LOAD${i % PEOPLE}`,
          channelId: `D0LOAD${i % PEOPLE}`,
          triggerId: id,
        });
        const ts = Math.floor(Date.now() / 1000);
        return {
          ...request,
          body,
          headers: {
            'content-type': FORM,
            'x-slack-request-timestamp': String(ts),
            'x-slack-signature': sign(body, ts),
          },
        };
      },
    },
  ];
}
