// Who owns each Yjs client id of one room's document. Yjs trusts (client, clock): whoever stores clock n of
// client c first makes everyone ignore every other struct (c, n), so an id belongs to whoever first shows
// presence or writes under it, for good (stored in doc_clients; see docs/security.md). The server's own
// ids (REST writes on the shadow) are owned in memory only.

/** Owner of the Yjs client ids the server itself writes with (REST writes on the shadow). */
export const SERVER_OWNER = '\u0000server';

export interface ClientOwners {
  /** The principal that owns the id, SERVER_OWNER, or undefined. */
  owner(client: number): string | undefined;
  /**
   * Takes the unowned ids among `clients` for `owner`, in memory; returns them, with `owner`'s presence
   * claims still in doubt, for persistence to record with the write.
   */
  take(clients: readonly number[], owner: string): number[];
  /** A presence claim outside a write: false if another owns the id. Stored in the background. */
  claim(client: number, principalId: string): boolean;
  /** Owners learnt from elsewhere (another node's committed write); an owned id keeps its owner. */
  learn(principalId: string, clients: readonly number[]): void;
  /** The owners as stored replace those in memory, except the server's own ids (in memory only). */
  replace(stored: ReadonlyMap<number, string>): void;
}

export function createClientOwners(owners: Map<number, string>, store: ((clients: number[], principalId: string) => Promise<void>) | undefined): ClientOwners {
  // Ids claimed by presence whose claim is not known to be stored: still being stored, or its storing
  // failed. A write under one stores the claim again with the write (claims are idempotent), so a write is
  // never durable without its id's owner.
  const inDoubt = new Set<number>();
  return {
    owner: (client) => owners.get(client),
    take(clients, owner) {
      const taken = clients.filter((client) => !owners.has(client) || (inDoubt.has(client) && owners.get(client) === owner));
      for (const client of taken) owners.set(client, owner);
      return taken;
    },
    claim(client, principalId) {
      const owner = owners.get(client);
      if (owner !== undefined) return owner === principalId;
      owners.set(client, principalId);
      // Owned in memory at once; stored in the background. Until it is stored, a write under the id stores
      // the claim with itself; if storing fails, the claim lasts while the room is loaded, and the id's
      // next write records it.
      inDoubt.add(client);
      void store?.([client], principalId).then(
        () => inDoubt.delete(client),
        () => {},
      );
      return true;
    },
    learn(principalId, clients) {
      for (const client of clients) if (!owners.has(client)) owners.set(client, principalId);
    },
    replace(stored) {
      for (const [client, owner] of [...owners]) if (owner !== SERVER_OWNER) owners.delete(client);
      for (const [client, owner] of stored) owners.set(client, owner);
      // What is stored is no longer in doubt; what was in doubt and is not stored is no longer owned.
      inDoubt.clear();
    },
  };
}
