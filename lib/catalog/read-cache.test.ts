import { describe, expect, it } from "vitest";
import { ReadCache } from "./read-cache";

function counter() {
  let calls = 0;
  return { load: (value: string) => async () => (calls++, value), calls: () => calls };
}

describe("ReadCache", () => {
  it("serves a key from memory until its time is up", async () => {
    let now = 0;
    const cache = new ReadCache<string>(1000, 10, () => now);
    const c = counter();
    expect(await cache.get("k", c.load("a"))).toBe("a");
    now = 999;
    expect(await cache.get("k", c.load("b"))).toBe("a");
    now = 1000;
    expect(await cache.get("k", c.load("c"))).toBe("c");
    expect(c.calls()).toBe(2);
  });

  it("shares one load between concurrent readers", async () => {
    const cache = new ReadCache<string>(1000, 10);
    const c = counter();
    const [a, b] = await Promise.all([cache.get("k", c.load("a")), cache.get("k", c.load("b"))]);
    expect([a, b, c.calls()]).toEqual(["a", "a", 1]);
  });

  it("forgets a failed load", async () => {
    const cache = new ReadCache<string>(1000, 10);
    await expect(cache.get("k", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("k", async () => "back")).toBe("back");
  });

  it("drops the least recently used key past its size", async () => {
    const cache = new ReadCache<string>(1000, 2);
    const c = counter();
    await cache.get("a", c.load("a"));
    await cache.get("b", c.load("b"));
    await cache.get("a", c.load("a2")); // a is now more recent than b
    await cache.get("c", c.load("c"));
    expect(cache.size).toBe(2);
    expect(await cache.get("a", c.load("a3"))).toBe("a");
    expect(await cache.get("b", c.load("b2"))).toBe("b2");
  });

  it("never holds more than its size, however many keys are read", async () => {
    const cache = new ReadCache<string>(1000, 50);
    for (let i = 0; i < 1000; i++) await cache.get(`k${i}`, async () => String(i));
    expect(cache.size).toBe(50);
    expect(await cache.get("k999", async () => "again")).toBe("999");
  });

  it("clear() forgets everything", async () => {
    const cache = new ReadCache<string>(1000, 10);
    await cache.get("k", async () => "a");
    cache.clear();
    expect(await cache.get("k", async () => "b")).toBe("b");
  });
});
