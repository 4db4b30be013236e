/** Every string the page shows is escaped: questions are what users typed. */
export function esc(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A query string from parameters, each encoded. */
export const query = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&amp;');

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/insights/style.css">
</head>
<body>
${body}
</body>
</html>
`;
}

export function signInPage(refused: boolean): string {
  return layout(
    'GeoRestore Bot insights: sign in',
    `<main class="sign-in">
<h1>GeoRestore Bot insights</h1>
<p>Sign in with the insights token (INSIGHTS_TOKEN) your operators gave the support team.</p>
${refused ? '<p class="refused" role="alert">That token was not accepted.</p>' : ''}
<form method="post" action="/insights/sign-in">
<label>Token <input type="password" name="token" autocomplete="current-password" required minlength="32"></label>
<button type="submit">Sign in</button>
</form>
</main>`,
  );
}

export const pageStyle = `
:root { font-family: system-ui, sans-serif; color: #1b1b1f; background: #f6f7f9; }
body { margin: 0; }
header { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 12px 24px; background: #1f2a44; color: #fff; }
header h1 { font-size: 1.25rem; margin: 0 16px 0 0; }
header form { display: flex; gap: 8px; align-items: center; margin: 0; }
header .sign-out { margin-left: auto; }
main { padding: 16px 24px; max-width: 1240px; }
section { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
h2 { font-size: 1.05rem; margin: 0 0 8px; display: flex; justify-content: space-between; }
h2 a, a.csv { font-size: .8rem; font-weight: normal; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; }
.card { border: 1px solid #e4e7ec; border-radius: 4px; padding: 8px; }
.card b { display: block; font-size: 1.3rem; }
.card span { color: #555; font-size: .8rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #eceef2; vertical-align: top; }
td.n, th.n { text-align: right; }
.group { border-top: 1px solid #eceef2; padding: 8px 0; }
.group h3 { font-size: .95rem; margin: 0 0 4px; }
.group p, .group li { font-size: .85rem; margin: 2px 0; }
.muted { color: #666; }
img.chart { width: 100%; height: auto; }
.sign-in { max-width: 420px; margin: 10vh auto; background: #fff; padding: 24px; border-radius: 6px; }
.refused { color: #b00020; }
button, select, input { font: inherit; }
`;
