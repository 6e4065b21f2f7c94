// The demo lobby page: which visit comes from the fragment, set by the intranet page.
const lobby = document.querySelector('dh-lobby');
const id = decodeURIComponent(location.hash.slice(1));
if (lobby && id) lobby.setAttribute('booking-id', id);
document.addEventListener('dh-call-end', () => {
  document.querySelector('#back')?.removeAttribute('hidden');
});
