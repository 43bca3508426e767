/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/main.ts) hosts Next; nothing here may need the network at run time.
  images: { unoptimized: true },
};

export default nextConfig;
