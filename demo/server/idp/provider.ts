/**
 * The demo's test identity provider: a real OpenID Provider (`oidc-provider` 8.8) with its own
 * Swedish sign-in page, where one picks one of Skatteverket's test persons and "BankID" or
 * "Freja eID". It issues ID tokens as a broker on the Swedish OIDC profile would: the
 * personnummer (or samordningsnummer) claim, the names, `acr` LoA 3 for both methods and the method
 * in `amr` (`["bankid"]` or `["freja"]`).
 *
 * Clients: the patient's page as a public client (PKCE S256, no secret), and the same page behind
 * the server's token exchange as a confidential one. Both may return only to `/besok` on the
 * server's own origins. Every sign-in is made anew (no single sign-on), and there is no consent
 * step.
 */
import express, { type Request, type Response, type Router } from 'express';
import Provider, { interactionPolicy, type Account, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEFAULT_CLAIMS, DEFAULT_SCOPE, LOA3, type SignInMethod } from '../../../components/src/identity/claims.js';
import type { ProviderKeys } from './keys.js';
import { boundedMemoryAdapter } from './memory-adapter.js';
import { errorPage, loginPage } from './pages.js';
import { digitsOf, TEST_PERSONS, type TestPerson } from './test-persons.js';

/** The patient's page signing in by itself (authorization code + PKCE, no secret). */
export const PUBLIC_CLIENT_ID = 'dh-demo-besok';
/** The patient's page signing in through the server's token exchange (client secret on the server). */
export const CONFIDENTIAL_CLIENT_ID = 'dh-demo-besok-server';

/** The Swedish profile's scopes, with the claims each brings. */
const NATURAL_PERSON_NUMBER = DEFAULT_SCOPE.split(' ')[1] ?? 'https://id.oidc.se/scope/naturalPersonNumber';
const NATURAL_PERSON_INFO = 'https://id.oidc.se/scope/naturalPersonInfo';
const NAMES = [DEFAULT_CLAIMS.familyName, DEFAULT_CLAIMS.givenName, DEFAULT_CLAIMS.name];

export interface IdentityProviderOptions {
  /** Where the provider lives, e.g. http://127.0.0.1:8080/oidc; its path is where it is mounted. */
  readonly issuer: string;
  /** Where the clients may return to: the patient's page on each of the server's own origins. */
  readonly redirectUris: readonly string[];
  /** Origins whose pages may call the token endpoint from a browser (CORS). */
  readonly corsOrigins: ReadonlySet<string>;
  readonly keys: ProviderKeys;
  /** Registers the confidential client with this secret (for the token exchange). */
  readonly confidentialClientSecret?: string;
  /** The Content-Security-Policy of the sign-in page, which must also let its form lead to the client. */
  readonly pagePolicy: (formTargets: readonly string[]) => string;
}

export interface IdentityProvider {
  readonly issuer: string;
  /** Handles everything under the issuer's path; pass anything else on. */
  readonly router: Router;
}

const personBySub = (sub: string): TestPerson | undefined => TEST_PERSONS.find((p) => p.sub === sub);

function account(person: TestPerson): Account {
  const number = person.coordination ? DEFAULT_CLAIMS.coordinationNumber : DEFAULT_CLAIMS.personalIdentityNumber;
  return {
    accountId: person.sub,
    claims: () => ({
      sub: person.sub,
      [number]: digitsOf(person),
      [DEFAULT_CLAIMS.givenName]: person.givenName,
      [DEFAULT_CLAIMS.familyName]: person.familyName,
      [DEFAULT_CLAIMS.name]: `${person.givenName} ${person.familyName}`,
    }),
  };
}

/** The method the client asked for: its login_hint ('bankid', 'freja') or acr_values naming one. */
function hintedMethod(params: Readonly<Record<string, unknown>>): SignInMethod {
  const hints = [params.login_hint, params.acr_values].filter((v): v is string => typeof v === 'string').join(' ').toLowerCase();
  return hints.includes('freja') ? 'freja' : 'bankid';
}

/** An error that means the sign-in it belonged to is gone (expired, finished, or another tab's). */
const isGone = (e: unknown): boolean => (e as { name?: string } | null)?.name === 'SessionNotFound';

export function createIdentityProvider(options: IdentityProviderOptions): IdentityProvider {
  const mount = new URL(options.issuer).pathname.replace(/\/$/, '');
  const client = (id: string, more: Partial<ClientMetadata>): ClientMetadata => ({
    client_id: id,
    client_name: 'Videobesök – Region Exempel (demo)',
    redirect_uris: [...options.redirectUris],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    id_token_signed_response_alg: 'RS256',
    ...more,
  });
  const clients = [client(PUBLIC_CLIENT_ID, { token_endpoint_auth_method: 'none' })];
  if (options.confidentialClientSecret !== undefined) {
    clients.push(client(CONFIDENTIAL_CLIENT_ID, { token_endpoint_auth_method: 'client_secret_basic', client_secret: options.confidentialClientSecret }));
  }

  // Every sign-in asks anew, as BankID does: a session from an earlier one never signs in by itself.
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(new interactionPolicy.Check(
    'fresh_sign_in',
    'every sign-in is made anew',
    (ctx) => (ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT),
  ));

  const configuration: Configuration = {
    adapter: boundedMemoryAdapter(),
    clients,
    jwks: { keys: [options.keys.signing] },
    cookies: {
      keys: [...options.keys.cookies],
      // The session cookie only for the provider's own path; the interaction cookies get their own paths.
      long: { signed: true, httpOnly: true, sameSite: 'lax', path: mount },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    claims: {
      // The method, ["bankid"] or ["freja"], in every ID token.
      openid: ['sub', 'amr'],
      [NATURAL_PERSON_NUMBER]: [DEFAULT_CLAIMS.personalIdentityNumber, DEFAULT_CLAIMS.coordinationNumber, ...NAMES],
      [NATURAL_PERSON_INFO]: NAMES,
    },
    // The claims go in the ID token: the nurse's side sees only that, never the userinfo endpoint.
    conformIdTokenClaims: false,
    acrValues: [LOA3],
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const person = personBySub(sub);
      return person ? account(person) : undefined;
    },
    interactions: { policy, url: (_ctx: KoaContextWithOIDC, interaction) => `${mount}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // Its pages would need inline script; the demo never signs a patient out at the provider.
      rpInitiatedLogout: { enabled: false },
    },
    // The code and tokens outlive the provider's session, which ends as the code goes out (below).
    expiresWithSession: () => false,
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string) => options.corsOrigins.has(origin),
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    renderError: (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = errorPage({
        title: 'Inloggningen kunde inte genomföras',
        message: 'Testleverantören kunde inte ta emot inloggningen. Gå tillbaka till sidan för videobesöket och försök igen.',
        code: out.error,
        ...(out.error_description ? { detail: out.error_description } : {}),
      });
    },
  };
  const provider = new Provider(options.issuer, configuration);
  // Every sign-in is its own, as with BankID: the session ends as soon as its code is on its way to
  // the client, so the next sign-in in the same browser starts from nothing (were it kept, signing
  // in as another test person would first ask to sign the earlier one out).
  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => { (ctx.state as Record<string, unknown>).dhSignedIn = true; });
  provider.use(async (ctx, next) => {
    await next();
    const { oidc } = ctx as Partial<KoaContextWithOIDC>;
    if ((ctx.state as Record<string, unknown>).dhSignedIn === true && oidc?.session) await oidc.session.destroy();
  });

  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 10 });
  const interaction = `${mount}/interaction/:uid`;

  const sendPage = (res: Response, status: number, body: string, formTargets: readonly string[] = []): void => {
    res.setHeader('Content-Security-Policy', options.pagePolicy(formTargets));
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('html').send(body);
  };
  const gone = (res: Response): void => {
    sendPage(res, 400, errorPage({
      title: 'Inloggningen har gått ut',
      message: 'Den här inloggningen är redan avslutad, har tagit för lång tid eller startades i en annan flik. Gå tillbaka till sidan för videobesöket och börja om.',
    }));
  };
  const failed = (res: Response): void => {
    sendPage(res, 500, errorPage({ title: 'Något gick fel', message: 'Testleverantören kunde inte fortsätta. Gå tillbaka till sidan för videobesöket och börja om.' }));
  };
  /** The interaction the request belongs to, if its cookie and address agree and it asks for a login. */
  const current = async (req: Request, res: Response): Promise<Awaited<ReturnType<Provider['interactionDetails']>> | undefined> => {
    const details = await provider.interactionDetails(req, res);
    return details.uid === req.params.uid && details.prompt.name === 'login' ? details : undefined;
  };
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response): void => {
    fn(req, res).catch((e: unknown) => { if (isGone(e)) gone(res); else failed(res); });
  };
  const redirectOrigin = (params: Readonly<Record<string, unknown>>): string[] => {
    try {
      return typeof params.redirect_uri === 'string' ? [new URL(params.redirect_uri).origin] : [];
    } catch {
      return [];
    }
  };
  const showLogin = async (res: Response, details: NonNullable<Awaited<ReturnType<typeof current>>>, status = 200, problem?: string, choice?: { method?: SignInMethod; person?: string }): Promise<void> => {
    const found = typeof details.params.client_id === 'string' ? await provider.Client.find(details.params.client_id) : undefined;
    sendPage(res, status, loginPage({
      action: `${mount}/interaction/${details.uid}`,
      persons: TEST_PERSONS,
      method: choice?.method ?? hintedMethod(details.params),
      client: found?.clientName ?? 'Tjänsten',
      ...(choice?.person !== undefined ? { person: choice.person } : {}),
      ...(problem !== undefined ? { problem } : {}),
    }), redirectOrigin(details.params));
  };

  router.get(interaction, handle(async (req, res) => {
    const details = await current(req, res);
    if (!details) {
      gone(res);
      return;
    }
    await showLogin(res, details);
  }));

  router.post(`${interaction}/login`, form, handle(async (req, res) => {
    const details = await current(req, res);
    if (!details) {
      gone(res);
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const method = body.method === 'bankid' || body.method === 'freja' ? body.method : undefined;
    const person = TEST_PERSONS.find((p) => digitsOf(p) === body.person);
    if (!method || !person) {
      await showLogin(res, details, 400, 'Välj både legitimering och testperson.', {
        ...(method ? { method } : {}),
        ...(person ? { person: digitsOf(person) } : {}),
      });
      return;
    }
    // No consent step: the sign-in grants what the client asked for, as a broker does for its own clients.
    const grant = new provider.Grant({ accountId: person.sub, clientId: String(details.params.client_id) });
    if (typeof details.params.scope === 'string') grant.addOIDCScope(details.params.scope);
    const requested = typeof details.params.claims === 'string' ? claimsRequested(details.params.claims) : [];
    if (requested.length > 0) grant.addOIDCClaims(requested);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, {
      login: { accountId: person.sub, acr: LOA3, amr: [method], remember: false },
      consent: { grantId },
    }, { mergeWithLastSubmission: false });
  }));

  // "Avbryt": back to the client with access_denied, as a broker answers a user who cancels.
  router.post(`${interaction}/abort`, form, handle(async (req, res) => {
    if (!(await current(req, res))) {
      gone(res);
      return;
    }
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'The user cancelled the sign-in.',
    }, { mergeWithLastSubmission: false });
  }));

  const callback = provider.callback();
  router.use(mount, (req: Request, res: Response) => { void callback(req, res); });
  return { issuer: options.issuer, router };
}

/** Claim names asked for through the claims parameter (already validated by the provider). */
function claimsRequested(claims: string): string[] {
  try {
    const parsed = JSON.parse(claims) as { id_token?: Record<string, unknown>; userinfo?: Record<string, unknown> } | null;
    return [...Object.keys(parsed?.id_token ?? {}), ...Object.keys(parsed?.userinfo ?? {})];
  } catch {
    return [];
  }
}
