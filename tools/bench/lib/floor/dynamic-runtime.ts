/**
 * The floor's dynamic provider, as the dynamic provider host calls it: the methods of
 * pulumi.dynamic.ResourceProvider over noop-provider.ts. The floor program's shim (floor/programs.ts)
 * loads this file by path on its first call, as the connector's shim loads its runtime by package
 * name, and takes this object as its prototype.
 */
import * as noop from "./noop-provider";

type Properties = noop.Properties;

export const floorDynamicProvider = {
  async configure(): Promise<void> {},
  async check(_olds: Properties, news: Properties): Promise<{ inputs: Properties }> {
    return { inputs: noop.check(news) };
  },
  async diff(_id: string, olds: Properties, news: Properties): Promise<{ changes: boolean; replaces: string[]; stables: string[]; deleteBeforeReplace: boolean }> {
    return { changes: noop.diff(olds, news), replaces: [], stables: [], deleteBeforeReplace: false };
  },
  async create(inputs: Properties): Promise<{ id: string; outs: Properties }> {
    return noop.create(inputs);
  },
  async read(id: string, props: Properties = {}): Promise<{ id: string; props: Properties; inputs: Properties }> {
    return noop.read(id, props);
  },
  async update(_id: string, olds: Properties, news: Properties): Promise<{ outs: Properties }> {
    return { outs: noop.update(olds, news) };
  },
  async delete(): Promise<void> {
    noop.remove();
  },
};
