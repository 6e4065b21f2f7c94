// The test provider's own pages: plain HTML forms that work without script, styled by one
// static file (/idp/testinloggning.css), so they run under the server's strict CSP.
import type { SignInMethod } from '../../../components/src/identity/claims.js';
import { digitsOf, type TestPerson } from './test-persons.js';

const escapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text for HTML content and quoted attribute values. */
export const html = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

export const STYLESHEET = '/idp/testinloggning.css';

const METHODS: readonly { id: SignInMethod; label: string }[] = [
  { id: 'bankid', label: 'BankID' },
  { id: 'freja', label: 'Freja eID' },
];

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${html(title)}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${STYLESHEET}">
</head>
<body>
  <header class="idp-banner">
    <p><strong>TESTMILJÖ.</strong> Ingen riktig legitimering sker här – välj bara en testperson.</p>
  </header>
  <main class="idp-main">
${body}
  </main>
</body>
</html>
`;
}

export interface LoginPageOptions {
  /** The interaction's own address, /oidc/interaction/<uid>. */
  readonly action: string;
  readonly persons: readonly TestPerson[];
  /** The method to start with (from the client's login_hint or acr_values). */
  readonly method: SignInMethod;
  /** The person to start with (the first if none). */
  readonly person?: string;
  /** Who asks for the sign-in (the client's name). */
  readonly client: string;
  /** Shown above the form after a submission that lacked a choice. */
  readonly problem?: string;
}

/** Pick a test person and a method; "Avbryt" ends the sign-in as the user's cancellation. */
export function loginPage(o: LoginPageOptions): string {
  const chosenPerson = o.person ?? (o.persons[0] ? digitsOf(o.persons[0]) : '');
  const methods = METHODS.map((m) => `
        <label class="idp-choice"><input type="radio" name="method" value="${m.id}"${m.id === o.method ? ' checked' : ''} required> ${html(m.label)} <span class="idp-muted">(test)</span></label>`).join('');
  const persons = o.persons.map((p) => {
    const id = digitsOf(p);
    const kind = p.coordination ? 'samordningsnummer' : 'personnummer';
    return `
        <label class="idp-choice"><input type="radio" name="person" value="${id}"${id === chosenPerson ? ' checked' : ''} required>
          <span class="idp-person">${html(`${p.givenName} ${p.familyName}`)}</span>
          <span class="idp-number">${html(p.personnummer)} <span class="idp-muted">(${kind})</span></span></label>`;
  }).join('');
  const problem = o.problem ? `\n    <p class="idp-problem" role="alert">${html(o.problem)}</p>` : '';
  return page('Testinloggning – inte riktigt BankID eller Freja eID', `    <h1>Testinloggning – inte riktigt BankID eller Freja eID</h1>
    <p>Demons egen testleverantör för inloggning (OpenID Connect). <strong>${html(o.client)}</strong> vill veta vem du är.
      Välj legitimering och en av Skatteverkets testpersoner; det du väljer följer med i id-token som
      personnummer, namn och metod.</p>${problem}
    <form class="idp-form" method="post" action="${html(o.action)}/login">
      <fieldset>
        <legend>Legitimering</legend>${methods}
      </fieldset>
      <fieldset>
        <legend>Testperson</legend>${persons}
      </fieldset>
      <div class="idp-actions">
        <button type="submit" class="idp-primary">Legitimera</button>
        <button type="submit" formaction="${html(o.action)}/abort" formnovalidate>Avbryt</button>
      </div>
    </form>`);
}

/** Something stopped the sign-in: a short Swedish explanation and, for the curious, the code. */
export function errorPage(o: { readonly title: string; readonly message: string; readonly code?: string; readonly detail?: string }): string {
  const technical = o.code ? `\n    <p class="idp-muted">Tekniskt: <code>${html(o.code)}</code>${o.detail ? ` – ${html(o.detail)}` : ''}</p>` : '';
  return page(o.title, `    <h1>${html(o.title)}</h1>
    <p>${html(o.message)}</p>${technical}`);
}
