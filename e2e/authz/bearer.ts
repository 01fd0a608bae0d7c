import { roles, type Fixtures, type Refusal, type Role } from "./types";

/** The streamer API takes personal tokens, not cookies: the two streamers call it with theirs, the rest with none. */
export const bearer = (f: Fixtures, role: Role): Record<string, string> =>
  role === "streamer"
    ? { authorization: `Bearer ${f.streamerToken}` }
    : role === "streamer2"
      ? { authorization: `Bearer ${f.streamer2Token}` }
      : {};

/** Without a token (a cookie is no credential here) 401; the other streamer's token is told the session does not exist. */
export const tokenRefusals = Object.fromEntries(roles.map((r) => [r, r === "streamer2" ? 404 : 401])) as Record<
  Role,
  Refusal
>;
