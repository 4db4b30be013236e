/**
 * The channel-neutral conversation model. Adapters turn channel payloads into a `Turn` and render
 * `Reply[]` natively; dialogs never see a channel payload and never send anything themselves.
 */

export type Channel = 'teams' | 'slack' | 'console';

/** JSON-serialisable value, so that everything here can be stored and replayed. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

/**
 * Where a conversation happens, as the Store keeps it (a type, not an interface, so that it is JSON to
 * the Store as it is: tickets, restore runs and sent messages all carry this one shape).
 */
export type Address = {
  channel: Channel;
  conversationId: string;
  /** Reply chain (Teams channel post) or thread (`thread_ts` in Slack). */
  threadId?: string;
  /** Opaque, adapter-owned data needed for a proactive send (a Teams ConversationReference, a Slack team id). */
  ref?: Json;
  /** A one-to-one chat between the user and the bot (a Slack DM, a Teams personal chat). */
  direct?: boolean;
};

export type User = {
  /** Immutable platform id: a Slack user id or an Entra object id (aadObjectId) in Teams. */
  id: string;
  displayName?: string;
};

export type Turn = {
  address: Address;
  user: User;
  /** Plain text with the bot's own mention already stripped by the adapter. */
  text: string;
  /** A card or Block Kit button click. */
  action?: { id: string; value?: Json };
};

/** A button: clicking it comes back as `Turn.action = { id, value }`. */
export type Button = {
  id: string;
  label: string;
  value?: Json;
  style?: 'primary' | 'danger';
};

export type Link = {
  title: string;
  url: string;
};

export type FactStatus = 'pass' | 'fail' | 'warn' | 'info';

export type Fact = {
  label: string;
  value: string;
  status?: FactStatus;
};

/** One line of a conversation's recent transcript, kept for a person who takes over. */
export type TranscriptLine = { from: 'user' | 'bot'; text: string; at: string };

export const isJsonObject = (v: Json | undefined): v is { [key: string]: Json | undefined } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type ReplyKind =
  | 'answer'
  | 'clarify'
  | 'nomatch'
  | 'help'
  | 'info'
  | 'error'
  | 'check'
  | 'confirm'
  | 'progress'
  | 'handoff';

/**
 * One message. Every string is plain text: renderers escape all of it for their channel, so nothing
 * here (including what a user typed or Azure returned) can become a mention, a link or markup.
 * Structure carries the formatting: `summary` is shown first and emphasised, `text` is paragraphs
 * separated by blank lines, and a line starting with "- " is a bullet.
 */
export type Reply = {
  kind: ReplyKind;
  title?: string;
  summary?: string;
  text: string;
  facts?: Fact[];
  /** A short line of context, e.g. which deployment model an answer applies to. */
  context?: string;
  links?: Link[];
  buttons?: Button[];
  /** Shown only to the person who asked, where the channel can do that (Slack ephemeral). */
  personal?: boolean;
  /**
   * Ask the renderer to mention the configured on-call person or group: the one live mention the bot
   * ever makes, built from configuration only (a ticket nobody has claimed).
   */
  notify?: 'oncall';
  /** The knowledge-base entry an answer gives (the FAQ sets it): what people ask most, for the home. */
  topic?: string;
};

/** Well-known action ids shared by dialogs and renderers. */
export const Actions = {
  /** Show an entry (follow-ups, help examples): always valid. */
  show: 'faq.show',
  /** Pick a "did you mean" candidate: valid only for the prompt it belongs to. */
  pick: 'faq.pick',
  none: 'faq.none',
  feedback: 'faq.feedback',
  human: 'human.request',
  /**
   * "Open a support ticket" on a message (a Slack message shortcut, a Teams message action): the turn's
   * text is that message, and it becomes the ticket's question.
   */
  ticketForMessage: 'human.message',
  /** An agent desk's handoff.status (accepted / completed / failed), from the Teams edge. */
  hubStatus: 'human.hub-status',
  help: 'help',
  cancel: 'cancel',
  startOver: 'start-over',
} as const;

/**
 * What an adapter calls with each inbound turn: the dialog engine, behind its one error boundary. It
 * never rejects: any failure becomes the engine's apology, so an edge only renders what it gets.
 */
export interface TurnHandler {
  handle(turn: Turn): Promise<Reply[]>;
}
