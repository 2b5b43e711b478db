// CommonJS stand-in for the ES-module-only `strip-bom`, which jest cannot require
// from inside office-addin-mock's dependency tree (see ../shared/TOOLCHAIN.md).
module.exports = function stripBom(text) {
  if (typeof text !== "string") throw new TypeError(`Expected a string, got ${typeof text}`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};
