/**
 * A room that would be loaded was refused by the server's admission check (`RoomManagerOptions.mayLoadRoom`:
 * the process is over its memory ceiling). Rooms already loaded are never refused. The websocket closes with
 * CLOSE.SERVER_BUSY and this reason; the server's REST layer answers 503.
 */
export class RoomLoadRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RoomLoadRefused';
  }
}
