import { Actions, type Reply, type Turn, type TurnHandler } from '../../bot/model.js';

/**
 * The outer edge for Teams tests: stands where the dialog engine will be, answers from a script with
 * realistic replies, and records every Turn it is given.
 */
export class ScriptedHandler implements TurnHandler {
  readonly turns: Turn[] = [];
  /** When set, `handle` waits for it before answering (to hold a turn in flight). */
  gate: Promise<void> | undefined;

  async handle(turn: Turn): Promise<Reply[]> {
    this.turns.push(turn);
    if (this.gate) await this.gate;
    if (turn.action?.id === Actions.feedback) return [{ kind: 'info', text: 'Thanks, noted.' }];
    if (turn.action?.id === Actions.pick) return [geoAnswer];
    if (turn.action) return [{ kind: 'info', text: `Action ${turn.action.id} done.` }];
    if (turn.text === 'silent') return [];
    if (/restore|geo/i.test(turn.text)) return [geoAnswer];
    return [clarify];
  }
}

export const geoAnswer: Reply = {
  kind: 'answer',
  title: 'How to geo-restore a Flexible Server',
  summary: 'Restore the latest geo-backup into the paired region as a new server.',
  text:
    'In the portal open the server, choose **Overview > Restore**, and pick Geo-redundant restore.\n\n' +
    '- The new server gets a new name\n- Firewall rules are not copied',
  context: 'Applies to: Flexible Server',
  links: [
    {
      title: 'Geo-restore docs',
      url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-restore-server-portal',
    },
  ],
  buttons: [
    { id: 'faq.show', label: 'Connect after restore', value: { entryId: 'connect-after-restore' } },
    {
      id: Actions.feedback,
      label: '👍 Helpful',
      value: { entryId: 'how-to-geo-restore', answerId: 'a-1', helpful: true },
    },
    {
      id: Actions.feedback,
      label: '👎 Not helpful',
      value: { entryId: 'how-to-geo-restore', answerId: 'a-1', helpful: false },
    },
  ],
};

export const clarify: Reply = {
  kind: 'clarify',
  text: 'I am not sure which of these you mean.',
  buttons: [
    {
      id: Actions.pick,
      label: 'How to geo-restore',
      value: { entryId: 'how-to-geo-restore', promptId: 'p-1' },
    },
    { id: Actions.none, label: 'None of these', value: { promptId: 'p-1' } },
  ],
};
