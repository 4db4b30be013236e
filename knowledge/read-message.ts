import type { MessagePart } from './text-features.js';

/**
 * Reads a message the way a support engineer does: a long post has a question in it and much else.
 * The reading keeps the lines that ask (a title line, the asking sentences), the prose around them,
 * and what was pasted (error messages, commands, code, logs) apart, so that each can be weighed on its
 * own and a 4,000-character post is neither drowned by its noise nor won by one shared word.
 */

/** Longest text the matcher reads: the engine's one length policy for a turn. */
export const maxReadChars = 4000;
/** A message up to this long is read whole: a chat question has no noise to set aside. */
export const wholeUpTo = 320;

export interface Reading {
  /** The first line of a multi-line post when it reads as a title. */
  title: string;
  /** Sentences that ask (a question mark, a question word, a plea for help). */
  asks: string[];
  /** The rest of the prose: what the person tells about their situation. */
  story: string[];
  /** Pasted lines: errors, commands, code, configuration and logs. */
  pasted: string[];
  /** The pasted lines that state an error (the first few), which say more than the rest of a log. */
  errors: string[];
  /** True when the message was short enough to read whole. */
  whole: boolean;
}

const fence = /^\s*(```|~~~)/;
/** A line of a log, a stack trace, code or configuration rather than prose. */
const pastedLine = new RegExp(
  [
    /^\s{2,}\S/, // indented
    /^\s*(at |\$ |> |#|\/\/|--|\||\{|\}|\[|\]|<\/?\w)/, // trace frames, prompts, comments, tables, brackets, tags
    /^\s*(az|aws|gcloud|kubectl|helm|terraform|psql|pg_\w+|docker(-compose)?|fly|flyctl|heroku|pgbackrest|barman|wal-g|sudo|apt(-get)?|yum|brew|curl|export|set|New-Az\w*|Get-Az\w*|Set-Az\w*)\b.*\s-{1,2}\w/i,
    /^\s*[\w.-]+\s*(=|:)\s*["'{[\w$-]/, // key = value, key: value
    /^\s*(resource|module|provider|variable|output|param|var|const|let)\s+["'\w]/,
    /^\s*\d{4}-\d\d-\d\d[ T]\d\d:\d\d/, // timestamped log line
    /^\s*\w[\w.]*(Exception|Error)\b/,
    /^\s*(Traceback|File ")/,
    /^\s*\(\w+\)\s/, // an error code first: "(ResourceNotFound) The Resource …"
    /^\s*(ERROR|FATAL|WARNING|PANIC|HINT|DETAIL)\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'i',
);
/** A line that states an error, wherever it comes from. */
const errorLine =
  /\b(error|fatal|exception|failed|failure|denied|refused|not found|invalid|unable to|could not|cannot|can't|timed? ?out)\b|\(\w+(Error|Exception|NotFound|Failed|Invalid|NotSupported)\w*\)|\b[A-Z][a-z]+[A-Z]\w*(Error|Failed|Invalid|NotFound|NotSupported|NotAvailable|Missing\w*)\b/i;

const stackFrame = /^\s*(at |File "|\w+\.\w+:\d+)/;

/** A prose line that is really a key: value pair of a form ("Server: pg-orders") is prose, not config. */
const proseWords = /\s\w+\s\w+\s\w+\s\w+\s/;

const asking =
  /\?\s*$|^(how|what|what's|whats|why|when|where|which|who|whom|can|could|is|are|was|were|does|do|did|should|shall|will|would|may|might|has|have|any|anyone|anybody|need|want|please|pls|help|is there|are there)\b|\b(please help|any ideas?|any advice|any pointers|what am i|what i'?m missing|how (do|can|should|to)|is (there|it) (a|any)? ?(way|possible)|is this (expected|normal|supported|possible|a bug)|i (need|want|would like|'d like) to|we (need|want|would like|'d like) to|wondering|not sure (how|what|whether|if|why)|help me|what now|what next)\b/i;

function splitSentences(line: string): string[] {
  return line
    .split(/(?<=[.!?])\s+(?=["'(]?[A-Za-z])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readMessage(raw: string): Reading {
  const text = raw.slice(0, maxReadChars).replace(/\r\n?/g, '\n').trim();
  const reading: Reading = { title: '', asks: [], story: [], pasted: [], errors: [], whole: false };
  if (text.length <= wholeUpTo) {
    reading.whole = true;
    reading.asks.push(text);
    return reading;
  }
  const lines = text.split('\n');
  let inFence = false;
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (line.trim() === '') continue;
    const pasted = inFence || (pastedLine.test(line) && !(/^\s*\w+:\s/.test(line) && proseWords.test(line)));
    if (pasted) {
      reading.pasted.push(line.trim());
      // A stack frame names where an error passed, not what it was.
      if (errorLine.test(line) && !stackFrame.test(line) && reading.errors.length < 3)
        reading.errors.push(line.trim());
      first = false;
      continue;
    }
    const next = lines[i + 1]?.trim() ?? '';
    if (first && line.length <= 150 && lines.length > 1 && (next === '' || !/[.!?:]$/.test(line.trim()))) {
      reading.title = line.trim();
      first = false;
      continue;
    }
    first = false;
    for (const sentence of splitSentences(line)) {
      if (asking.test(sentence)) reading.asks.push(sentence);
      else {
        reading.story.push(sentence);
        // A quoted error inside a sentence of prose is evidence of its own.
        if (errorLine.test(sentence) && /["'`(]|:\s/.test(sentence) && reading.errors.length < 3)
          reading.errors.push(sentence);
      }
    }
  }
  return reading;
}

/** How much each part of a long message counts when its topic is read (chosen on the team's own posts);
 * the title counts as an asking sentence. */
export const partWeights = { asks: 1, errors: 0.8, story: 0.5, pasted: 0.25 };

/**
 * How much of the story and of the pasted lines is read for the topic: a support engineer skims a long
 * log for its errors (taken apart) rather than reading every line, and this bounds the work per message.
 */
export const partChars = { story: 1500, pasted: 800 };

/** The parts of a reading to read the topic from, with their weights. */
export function topicParts(reading: Reading): MessagePart[] {
  if (reading.whole) return [{ text: reading.asks.join(' '), weight: 1 }];
  return [
    { text: [reading.title, ...reading.asks].join('\n'), weight: partWeights.asks },
    { text: reading.errors.join('\n'), weight: partWeights.errors, kind: 'pasted' },
    { text: reading.story.join('\n').slice(0, partChars.story), weight: partWeights.story, kind: 'told' },
    {
      text: reading.pasted.join('\n').slice(0, partChars.pasted),
      weight: partWeights.pasted,
      kind: 'pasted',
    },
  ];
}
