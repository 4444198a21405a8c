/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true }] },
  testTimeout: 60000,
};
