// The demo portal's own glue: "Starta besök" in the calendar opens the visit's lobby. The booking
// id is a random UUID, not personal data, so it may sit in the URL fragment.
document.addEventListener('dh-start-visit', (e) => {
  location.assign(`/lobby#${encodeURIComponent(e.detail.bookingId)}`);
});
