import { afterEach, describe, expect, it } from "vitest";
import { PEER_HEADER, trustPeerHeader } from "../core/request-context";
import { clientIp, normalizeAddress } from "./client-ip";

const h = (o: Record<string, string>) => new Headers(o);
afterEach(() => trustPeerHeader(false));

describe("clientIp: the socket's peer, never a header the client chose", () => {
  it("without the Node entry there is no trustworthy address, whatever the headers say", () => {
    expect(clientIp(h({ [PEER_HEADER]: "10.0.0.7", "x-forwarded-for": "10.99.0.1" }), 0)).toBe("unknown");
  });

  it("behind the entry: the peer; a forged X-Forwarded-For changes nothing with no trusted hops", () => {
    trustPeerHeader();
    expect(clientIp(h({ [PEER_HEADER]: "::ffff:127.0.0.2", "x-forwarded-for": "10.99.0.1" }), 0)).toBe("127.0.0.2");
    expect(clientIp(h({ [PEER_HEADER]: "127.0.0.2", "x-forwarded-for": "10.99.0.2" }), 0)).toBe("127.0.0.2");
  });

  it("one trusted proxy: the address it appended, not what the client sent before it", () => {
    trustPeerHeader();
    // nginx appends the client's address to whatever X-Forwarded-For the client sent.
    expect(clientIp(h({ [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "1.2.3.4, 203.0.113.9" }), 1)).toBe(
      "203.0.113.9",
    );
    expect(clientIp(h({ [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    // Called past the proxy (no forwarded list): the peer itself.
    expect(clientIp(h({ [PEER_HEADER]: "127.0.0.1" }), 1)).toBe("127.0.0.1");
    // More hops than entries: the leftmost, never beyond.
    expect(clientIp(h({ [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "203.0.113.9" }), 3)).toBe("203.0.113.9");
  });

  it("garbage in the peer header or the list is dropped", () => {
    trustPeerHeader();
    expect(clientIp(h({ [PEER_HEADER]: "not an address" }), 0)).toBe("unknown");
    expect(clientIp(h({ [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "<script>, 203.0.113.9" }), 1)).toBe(
      "203.0.113.9",
    );
    expect(normalizeAddress("::1")).toBe("::1");
  });
});
