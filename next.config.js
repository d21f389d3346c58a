/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (e.g. parallel test runs) coexist.
  distDir: process.env.ATTEST_DIST_DIR || ".next",
  // PGlite loads its WebAssembly and data files from its own package folder, argon2 and
  // onnxruntime are native addons: none of them may be bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "onnxruntime-node",
    "pg",
  ],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  typedRoutes: false,
};
export default nextConfig;
