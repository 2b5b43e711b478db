const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const devServerPort = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * HTTPS options for the dev server. Office needs https on localhost. On Windows and macOS the
 * office-addin-dev-certs CA is installed into the user's trust store (Excel then trusts the server).
 * On Linux there is no Excel desktop and that installer needs sudo, so we use webpack-dev-server's
 * own self-signed certificate and never touch the system trust store.
 */
async function httpsServer() {
  if (process.platform === "linux" || process.env.CI) return { type: "https" };
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
}

module.exports = async (_env, argv) => {
  const dev = argv.mode !== "production";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Development builds skip type checking (`npm run typecheck` does it, and `npm test` runs that
          // first): a dev build then takes seconds, not minutes. Production builds check types.
          use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true, transpileOnly: dev } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: path.resolve(__dirname, "src/functions/functions.ts"),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page hosts both the custom functions and the pane.
        chunks: ["functions", "taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/sample-customers.xlsx", to: "assets/[name][ext]", noErrorOnMissing: true },
          { from: "src/help/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    devServer: {
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: dev ? await httpsServer() : undefined,
      port: devServerPort,
      static: { directory: path.resolve(__dirname, "dist") },
    },
  };
};
