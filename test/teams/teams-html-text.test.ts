import { describe, expect, it } from 'vitest';
import { teamsBodyText } from '../../adapters/teams/teams-html-text.js';

describe('a Teams message body (HTML) as plain text', () => {
  it('keeps what a person wrote, code word for word, with entities decoded, and the prose without the code', () => {
    const body = {
      contentType: 'html',
      content:
        '<div><div><at id="0">Bob Chen</at> - restore&nbsp;fails:</div><pre><code>ERROR: server &lt;pg-orders&gt; not found\nline 2</code></pre><p>how do I restore <b>from</b> geo backup?</p><img src="x" alt="screenshot"><script>alert(1)</script></div>',
    };

    expect(teamsBodyText(body)).toEqual({
      text: 'Bob Chen - restore fails:\n\nERROR: server <pg-orders> not found\nline 2\n\nhow do I restore from geo backup?',
      prose: 'Bob Chen - restore fails:\n\nhow do I restore from geo backup?',
    });
  });

  it('takes a text body as it is, and an absent one as empty', () => {
    expect(teamsBodyText({ contentType: 'text', content: 'a <b> c' })).toEqual({
      text: 'a <b> c',
      prose: 'a <b> c',
    });
    expect(teamsBodyText(undefined)).toEqual({ text: '', prose: '' });
  });
});
