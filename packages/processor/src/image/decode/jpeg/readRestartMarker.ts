/**
 * libjpeg's `read_restart_marker` + `jpeg_resync_to_restart` at a restart boundary, from `pos` (the marker the
 * entropy decoder stopped at, or the current position): the expected RSTn is swallowed; otherwise, depending
 * on which marker is there, it is discarded, skipped to the next one, or left in place (`unread`: the segment
 * then reads as empty). Returns the new position.
 */
export function readRestartMarker(data: Uint8Array, pos: number, expected: number): { pos: number; unread: boolean } {
  let at = nextMarker(data, pos);
  let marker = at < 0 ? -1 : data[at + 1];
  if (marker === 0xd0 + expected) return { pos: at + 2, unread: false };
  for (;;) {
    let action: 1 | 2 | 3;
    if (marker < 0) action = 3; // end of data: libjpeg's source inserts an EOI
    else if (marker < 0xc0) action = 2;
    else if (marker < 0xd0 || marker > 0xd7) action = 3;
    else if (marker === 0xd0 + ((expected + 1) & 7) || marker === 0xd0 + ((expected + 2) & 7)) action = 3;
    else if (marker === 0xd0 + ((expected - 1) & 7) || marker === 0xd0 + ((expected - 2) & 7)) action = 2;
    else action = 1;
    if (action === 1) return { pos: at + 2, unread: false };
    if (action === 3) return { pos: at < 0 ? data.length : at, unread: true };
    at = nextMarker(data, at + 2);
    marker = at < 0 ? -1 : data[at + 1];
  }
}

/** libjpeg's `next_marker`: offset of the 0xFF that starts the next marker (fill 0xFFs skipped), or -1. */
function nextMarker(data: Uint8Array, from: number): number {
  let p = from;
  for (;;) {
    while (p < data.length && data[p] !== 0xff) p++;
    let q = p + 1;
    while (q < data.length && data[q] === 0xff) q++;
    if (q >= data.length) return -1;
    if (data[q] !== 0) return q - 1;
    p = q + 1;
  }
}
