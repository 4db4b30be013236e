import { Actions, type Reply, type Turn, type TurnHandler } from '../../bot/model.js';

/** Replies of the kinds the engine gives, with the user's text echoed where the engine would. */
export function realisticReplies(turn: Turn): Reply[] {
  if (turn.action) {
    return [
      {
        kind: 'info',
        text: `You picked ${String(turn.action.id)}.`,
        personal: turn.action.id === Actions.feedback,
      },
    ];
  }
  const text = turn.text;
  if (text === 'help' || text === '') {
    return [
      {
        kind: 'help',
        title: 'GeoRestore Bot',
        text: 'Ask me about geo-restore.\n- check <server>\n- restore <server>',
      },
    ];
  }
  if (text.startsWith('check ')) {
    return [
      {
        kind: 'check',
        title: `Geo-restore readiness of ${text.slice(6)}`,
        summary: 'Geo-redundant backup is enabled.',
        text: 'The server can be geo-restored to its paired region.',
        facts: [
          { label: 'Geo-redundant backup', value: 'Enabled', status: 'pass' },
          { label: 'Paired region', value: 'westus', status: 'info' },
        ],
        context: 'Flexible Server',
        links: [
          {
            title: 'Geo-restore',
            url: 'https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-restore-server-portal',
          },
        ],
        buttons: [
          { id: 'restore.start', label: 'Restore it', value: { server: text.slice(6) }, style: 'primary' },
        ],
      },
    ];
  }
  return [
    {
      kind: 'clarify',
      summary: `Did you mean one of these? You asked: ${text}`,
      text: 'Pick the closest question.',
      buttons: [
        { id: Actions.pick, label: 'What is geo-redundant backup?', value: 'what-is-geo-backup' },
        { id: Actions.pick, label: 'How do I geo-restore?', value: 'how-to-geo-restore' },
        { id: Actions.none, label: 'None of these' },
        { id: Actions.feedback, label: '👍', value: { helpful: true } },
        { id: Actions.feedback, label: '👎', value: { helpful: false } },
      ],
    },
  ];
}

/**
 * The outer edge of the Slack tests: a TurnHandler that records every Turn and answers with
 * `respond` (realistic replies by default). `hold()` makes the next turns wait until released.
 */
export class ScriptedHandler implements TurnHandler {
  readonly turns: Turn[] = [];
  finished = 0;
  private gate: Promise<void> | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly respond: (turn: Turn) => Reply[] | Promise<Reply[]> = realisticReplies) {}

  async handle(turn: Turn): Promise<Reply[]> {
    this.turns.push(turn);
    this.notify();
    if (this.gate) await this.gate;
    const replies = await this.respond(turn);
    this.finished += 1;
    return replies;
  }

  /** Turns started from now on wait until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise((resolve) => {
      release = resolve;
    });
    return () => {
      this.gate = undefined;
      release();
    };
  }

  /** Resolves once `count` turns have arrived. */
  received(count: number): Promise<void> {
    if (this.turns.length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(() => {
        if (this.turns.length >= count) resolve();
      });
    });
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }
}
