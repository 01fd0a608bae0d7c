import { PEER_HEADER, trustPeerHeader } from "../../lib/core/request-context";

/**
 * Route handlers called directly in tests have no Node entry in front of them: this marks the peer header as
 * trusted (as server.ts does) and returns the header that server.ts would have set for a caller at `address`.
 */
export function fromPeer(address = "127.0.0.1"): Record<string, string> {
  trustPeerHeader();
  return { [PEER_HEADER]: address };
}
