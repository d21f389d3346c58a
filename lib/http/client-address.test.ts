import { describe, it, expect } from "vitest";
import { addressKey } from "./client-address";

describe("client addresses as sign-in limits count them", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:127.0.0.1", "127.0.0.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:db8:0:0:1::", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b::192.0.2.33", "64:ff9b:0:0::/64"],
  ])("counts %s as %s", (raw, key) => {
    expect(addressKey(raw)).toBe(key);
  });

  it("puts every address of one /64 in one count, and neighbouring /64s in others", () => {
    expect(addressKey("2001:db8:aa:bb::1")).toBe(addressKey("2001:db8:aa:bb:dead:beef:0:7"));
    expect(addressKey("2001:db8:aa:bb::1")).not.toBe(addressKey("2001:db8:aa:bc::1"));
  });
});
