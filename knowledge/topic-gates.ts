/**
 * What a topic needs to be found in a message, beyond sharing its words. The classifier knows words;
 * these know what a support engineer checks first:
 * - the after-restore topics answer problems with a restored server: without any restore in the message,
 *   a pg_hba error or a login failure is an ordinary connection problem (a neighbouring topic);
 * - the action intents start a dialog: a report ("the restore of pg-orders fails with …", "our geo
 *   restore has been running 3 hours") or a question about how to do it is not a request to act;
 * - a person is offered when someone asks for one, not when a post says "support for X".
 */

/** Topics about a server that has been restored, and the neighbour a question without a restore is about. */
export const afterRestore: Readonly<Record<string, string>> = {
  'connect-after-restore': 'authentication',
  'firewall-after-restore': 'private-networking',
  'inconsistent-data': 'general-postgres',
};

const restoreWords =
  /\b(restor(e|ed|es|ing|ation)|georestor\w*|geo[\s-]+restor\w*|pitr|point[\s-]+in[\s-]+time|recover(ed|ing|y)?|fail(ed)?[\s-]*over|failing over|dr (region|server|site|copy|drill|test)|(bring|brings|bringing|brought|got|get|getting) (\w+ ){0,3}back|rebuil(t|d|ding)|(in|into|to) the (paired|secondary|dr|other) region)\b/;
/** Logical tools: in a message about them, "restore" is usually pg_restore loading a dump. */
const logicalTools =
  /\bpg[_\s-]?(dump|dumpall|restore)\b|\bdump files?\b|\.dump\b|\.sql\b|\b(directory|custom|tar|plain)[\s-]*(type|format)\b/;
const serverRestore =
  /\b(restored (server|instance|copy|db|database|one)|georestor\w*|geo[\s-]+restor\w*|pitr|point[\s-]+in[\s-]+time|restor(e|ed|ing) (of )?(the |our |my |a )?(server|instance|flex(ible)? server)|server restore|fail(ed)?[\s-]*over|paired region|secondary region)\b/;

/** "never restored", "nothing was restored", "without a restore": a restore said not to have happened. */
const negatedRestore =
  /\b(never|not|no|without|nothing (was|has been|got)|wasn'?t|hasn'?t been|haven'?t|didn'?t|no one) (been |ever |any |a |an |the )?(restor\w*|geo[\s-]?restor\w*|fail(ed)?[\s-]*over|recover\w*|involved)\b|\bno restore\b/g;

/** The message speaks of restoring (or failing over) a server, not only of pg_restore loading a dump. */
export function mentionsServerRestore(folded: string): boolean {
  const said = folded.replace(negatedRestore, ' ');
  if (!logicalTools.test(said)) return restoreWords.test(said);
  return serverRestore.test(said.replace(/\bpg[_\s-]?restore\b/g, ' '));
}

const reportWords =
  /\b(fail(s|ed|ing|ure)?|error(s|ed)?|stuck|hung|hangs|hanging|(been|still|keeps?) (running|going|deploying|provisioning|in progress)|running for|taking (forever|hours|ages|long)|took|timed?[\s-]?out|exception|not working|doesn'?t work|didn'?t work|never (finishes|completes|finished|completed)|throws|returns? (an? )?error)\b/;
/** A question about how, why or whether: not a request to act. "Can you restore …" asks the bot to act. */
const questionForm =
  /^(how|why|what|whats|when|where|which|is|are|does|do (i|we|you|they)|did|should|would it|can (i|we|one)|could (i|we)|any)\b|\bhow (do|can|should|to|long|much)\b|\bwhat (happens|is|are|does)\b/;

/** The message reports a problem (a failure, an error, a stuck or long-running operation). */
export function isReport(folded: string): boolean {
  return reportWords.test(folded);
}

/** The message asks the bot to start something, rather than reporting a problem or asking how. */
export function asksToAct(folded: string): boolean {
  return !isReport(folded) && !questionForm.test(folded.trim());
}

const asksForPerson =
  /\b(human|humans|person|people|someone|somebody|anyone from|agent|engineer|dba|on[\s-]?call|escalat\w*|ticket|support (team|engineer|person|case|request|ticket)|contact support|get (me |us )?(support|help)|(need|needs|want|require) (some |more |urgent |real )?(support|help)|support,? (please|pls|plz|asap|needed)|case|incident|sev ?\d|talk|speak|call me|call us|page|ping|hand (this|it) (over|off)|handoff|hand-off|transfer me|(database|db|dba|platform|ops|support) team)\b/;

/**
 * The classes a message cannot be about, given what it says; the caller sets their probability to zero.
 * `folded` is the whole message folded to lower case (foldMessage).
 */
export function gatedTopics(folded: string): Set<string> {
  const gated = new Set<string>();
  if (!mentionsServerRestore(folded)) for (const id of Object.keys(afterRestore)) gated.add(id);
  if (!asksToAct(folded)) gated.add('start-restore');
  if (isReport(folded)) gated.add('check-eligibility');
  if (!asksForPerson.test(folded)) gated.add('human');
  return gated;
}
