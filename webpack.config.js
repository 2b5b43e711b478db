const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const devServerPort = Number(process.env.npm_package_config_dev_server_port || 3000);

/** Where manifest.xml and the functions' help links point during development. */
const DEV_BASE = "https://localhost:3000/";

/**
 * Points a build at the server it is deployed to: `npm run build -- --env urlProd=https://host/path/`
 * (as the Office add-in templates do) rewrites every https://localhost:3000/ URL in dist/manifest.xml
 * and dist/functions.json (the functions' helpUrl) to that base, and the manifest's AppDomain to its
 * origin. Without urlProd nothing changes.
 */
class DeployUrlsPlugin {
  /** @param {string} urlProd an https URL; a missing trailing slash is added. */
  constructor(urlProd) {
    const url = new URL(urlProd);
    if (url.protocol !== "https:")
      throw new Error(`urlProd must be an https URL (Office requires it): ${urlProd}`);
    this.base = url.href.endsWith("/") ? url.href : `${url.href}/`;
    this.origin = url.origin;
  }

  /** The text with the development base replaced, and the bare origin (AppDomain) too. */
  rewrite(text) {
    return text.split(DEV_BASE).join(this.base).split(DEV_BASE.slice(0, -1)).join(this.origin);
  }

  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DeployUrlsPlugin", (compilation) => {
      // After the copies (ADDITIONAL stage) and functions.json (added at compilation time) exist.
      compilation.hooks.processAssets.tap(
        { name: "DeployUrlsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE },
        () => {
          for (const file of ["manifest.xml", "functions.json"]) {
            const asset = compilation.getAsset(file);
            if (asset === undefined) continue;
            compilation.updateAsset(
              file,
              new sources.RawSource(this.rewrite(asset.source.source().toString())),
            );
          }
        },
      );
    });
  }
}

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

module.exports = async function webpackConfig(env = {}, argv = {}) {
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
      // Chunks loaded on demand (the pane's charts: charts.js), next to the entry scripts.
      chunkFilename: "[name].js",
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
    // One file per on-demand chunk: charts.js carries its own libraries (d3, @fluentui/react-charts)
    // instead of a numbered vendors file beside it.
    optimization: { splitChunks: false },
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
      ...(env.urlProd ? [new DeployUrlsPlugin(env.urlProd)] : []),
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

module.exports.DeployUrlsPlugin = DeployUrlsPlugin;
