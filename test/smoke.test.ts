test("workspace packages resolve by name", () => {
  expect(() => require.resolve("pulumi-scalekit-connectors")).not.toThrow();
  expect(() => require.resolve("scalekit-emulator")).not.toThrow();
});
