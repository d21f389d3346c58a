// Builds the app once before the suite when its sources changed (tests under tests/http and
// tests/e2e run the built app). ATTEST_SKIP_BUILD=1 skips it for quick unit-test runs.
import { ensureBuild } from "../scripts/ensure-build";

export default function setup() {
  if (process.env.ATTEST_SKIP_BUILD === "1") return;
  ensureBuild();
}
