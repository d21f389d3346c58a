import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { processAlive } from "./alive";

describe("processAlive", () => {
  it("is true for this process and false for one that has exited", () => {
    expect(processAlive(process.pid)).toBe(true);
    const child = spawnSync(process.execPath, ["-e", "0"]);
    expect(child.pid).toBeGreaterThan(0);
    expect(processAlive(child.pid!)).toBe(false);
  });
});
