import { DoorConfigError, doorInStackFile, projectNameOf } from "../../scripts/migrate/door-config";

describe("doorInStackFile", () => {
  test("reads the door as pulumi config set writes it, or bare; dynamic when absent", () => {
    expect(doorInStackFile("config:\n  proj:door: plugin\n", "proj", "f")).toBe("plugin");
    expect(doorInStackFile("config:\n  door: plugin\n", "proj", "f")).toBe("plugin");
    expect(doorInStackFile("config:\n  proj:door: dynamic\n  proj:adoptExisting: \"true\"\n", "proj", "f")).toBe("dynamic");
    expect(doorInStackFile("config: {}\n", "proj", "f")).toBe("dynamic");
    expect(doorInStackFile("# only comments\n", "proj", "f")).toBe("dynamic");
    expect(doorInStackFile("config:\n  other:door: plugin\n", "proj", "f")).toBe("dynamic");
  });

  test("a door the root program would refuse, or a file that is not YAML, is an error naming the file", () => {
    expect(() => doorInStackFile("config:\n  proj:door: plug\n", "proj", "Pulumi.dev.yaml")).toThrow(new DoorConfigError('Pulumi.dev.yaml: door: must be "dynamic" or "plugin", not "plug"'));
    expect(() => doorInStackFile("config: [\n", "proj", "Pulumi.dev.yaml")).toThrow(/Pulumi.dev.yaml is not valid YAML/);
  });
});

describe("projectNameOf", () => {
  test("reads name: of Pulumi.yaml", () => {
    expect(projectNameOf("name: scalekit-connectors\nruntime: nodejs\n")).toBe("scalekit-connectors");
    expect(() => projectNameOf("runtime: nodejs\n")).toThrow(/no project name/);
  });
});
