import type { GuestRole } from './wire.js';

/** Who a view belongs to, or who a tile shows. */
export type Party = 'nurse' | GuestRole;

export interface Tile {
  readonly peer: string;
  readonly role: Party;
}

/**
 * The remote tiles in the order a call shows them, the large one first: the tile the viewer picked
 * while it is still there, otherwise the one a health dialogue is about for this viewer (the nurse
 * for a guest, the patient for the nurse), otherwise the first to arrive. The rest keep their order.
 */
export function tileOrder(tiles: readonly Tile[], viewer: Party, picked?: string): readonly Tile[] {
  const wanted: Party = viewer === 'nurse' ? 'patient' : 'nurse';
  const large = tiles.find((t) => t.peer === picked) ?? tiles.find((t) => t.role === wanted) ?? tiles[0];
  return large ? [large, ...tiles.filter((t) => t !== large)] : [];
}
