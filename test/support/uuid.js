// CommonJS stand-in for the ES-module-only `uuid` 14 under jest (see ../shared/TOOLCHAIN.md).
const { randomUUID } = require("crypto");
module.exports = { v4: () => randomUUID() };
