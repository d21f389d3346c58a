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
          {
            key: "Content-Security-Policy",
            // Next inlines its bootstrap scripts and styles; everything else is same-origin only.
            value: "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
          },
        ],
      },
    ];
  },
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  typedRoutes: false,
};
export default nextConfig;
