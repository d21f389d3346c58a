import { describe, it, expect } from "vitest";
import { sameOriginPath } from "./same-origin-path";

const ORIGIN = "https://attest.example.org";

describe("callback URLs after sign-in", () => {
  it.each([
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["//evil.example"],
    ["///evil.example"],
    ["/\\/evil.example"],
    ["\\\\evil.example"],
    [" /\\evil.example"],
    ["\t//evil.example"],
    ["http:/evil.example"], // another scheme than the app's: the browser reads a host
    ["https://evil.example/datasets"],
    ["http://attest.example.org/datasets"], // same host, other scheme: another origin
    ["https://attest.example.org:8443/"],
    ["javascript:alert(document.cookie)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    [""],
  ])("sends %j to the home page", (raw) => {
    expect(sameOriginPath(raw, ORIGIN)).toBe("/");
  });

  it.each([
    ["/datasets", "/datasets"],
    ["/rate/abc?x=1#words", "/rate/abc?x=1#words"],
    ["https://attest.example.org/agreement/1", "/agreement/1"],
    // Paths that resolve to a double slash would be read as another host by the browser: one slash.
    ["/.//evil.example", "/evil.example"],
    ["/a/../..//evil.example", "/evil.example"],
    // Encoded slashes and backslashes stay encoded: a path on this site.
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["datasets", "/datasets"],
    // The app's own scheme without slashes is a relative path, for the browser as here.
    ["https:/evil.example", "/evil.example"],
  ])("keeps %j as the path %j on this site", (raw, path) => {
    expect(sameOriginPath(raw, ORIGIN)).toBe(path);
  });

  it("falls back to the home page for nothing at all", () => {
    expect(sameOriginPath(undefined, ORIGIN)).toBe("/");
    expect(sameOriginPath(null, ORIGIN)).toBe("/");
  });
});
