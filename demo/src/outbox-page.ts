// The demo's outbox page: shows each relayed SMS as a phone would, links clickable. No inline
// script and no innerHTML, so it runs under the demo's strict CSP and shows hostile text inertly.

interface Message {
  id: string;
  to: string;
  text: string;
  kind: string;
  receivedAt: string;
  encoding: string;
  segments: number;
}

const list = document.querySelector<HTMLOListElement>('#outbox');
const count = document.querySelector<HTMLParagraphElement>('#outbox-count');
const outageState = document.querySelector<HTMLParagraphElement>('#outage-state');
const shown = new Set<string>();

const timeFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Stockholm' });

/** Text with every http(s) link turned into an anchor; the rest stays text. */
function linkified(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s]+/g)) {
    const url = m[0].replace(/[.,;:!?)]+$/, '');
    out.append(text.slice(last, m.index));
    const a = document.createElement('a');
    a.href = url;
    a.textContent = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    out.append(a);
    last = m.index + url.length;
  }
  out.append(text.slice(last));
  return out;
}

function phone(m: Message): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'phone';
  li.dataset.id = m.id;
  const to = document.createElement('p');
  to.className = 'phone-to';
  to.textContent = m.to;
  const meta = document.createElement('p');
  meta.className = 'phone-meta';
  meta.textContent = `${timeFormat.format(new Date(m.receivedAt))} · ${m.kind} · ${m.segments} sms (${m.encoding})`;
  const bubble = document.createElement('p');
  bubble.className = 'bubble';
  bubble.append(linkified(m.text));
  li.append(to, meta, bubble);
  return li;
}

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/outbox.json', { cache: 'no-store' });
    const messages = (await response.json()) as Message[];
    for (const m of messages) {
      if (shown.has(m.id)) continue;
      shown.add(m.id);
      list?.prepend(phone(m));
    }
    if (count) count.textContent = messages.length === 0 ? 'Inga sms ännu.' : `${messages.length} sms.`;
  } catch {
    if (count) count.textContent = 'Kunde inte hämta utkorgen. Försöker igen…';
  }
}

async function setOutage(failNext: number): Promise<void> {
  const response = await fetch('/api/demo/sms-outage', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ failNext, status: 503 }),
  });
  const state = (await response.json()) as { failNext: number };
  if (outageState) {
    outageState.textContent =
      state.failNext > 0 ? `De ${state.failNext} nästa sms:en misslyckas (503).` : 'Sms-tjänsten fungerar.';
  }
}

document.querySelector('#outage-on')?.addEventListener('click', () => void setOutage(3));
document.querySelector('#outage-off')?.addEventListener('click', () => void setOutage(0));
void refresh();
setInterval(() => void refresh(), 2000);
