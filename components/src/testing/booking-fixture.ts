/** One booking as the EHR note and the calendar file see it, with the characters they must escape. */
export const booking = {
  id: '6f1c2b9e-0000-4000-8000-000000000001',
  version: 3,
  start: '2026-12-01T13:30:00.000Z',
  durationMinutes: 45,
  reason: 'Hälsosamtal 50 år; uppföljning, blodtryck\\kolesterol',
  status: 'booked' as const,
  participant: { personnummer: '19121212-1212', givenName: 'Tolvan', familyName: 'Tolvansson', mobile: '+46701234567' },
};
export const clinic = { name: 'Vårdcentralen Gagnef' };
