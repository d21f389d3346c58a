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
    // The WebAssembly audio decoders of uploads' imports (run by the job worker): loaded as published.
    "@wasm-audio-decoders/flac",
    "@wasm-audio-decoders/ogg-vorbis",
    "ogg-opus-decoder",
    "mpg123-decoder",
  ],
  poweredByHeader: false,
  // Type errors are caught by tests/typecheck.test.ts (tsc over the whole project) in `npm test`;
  // the build does not repeat that work.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), geolocation=(), microphone=()" },
        ],
      },
      {
        // Pages get a policy with a fresh script nonce per request from proxy.ts. API answers (JSON,
        // CSV, SVG and audio downloads) are never pages: nothing in them may run or load anything.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; media-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }],
      },
    ];
  },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  typedRoutes: false,
};
export default nextConfig;
