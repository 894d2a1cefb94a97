// Types for runtimes.mjs (plain JavaScript so that .ci/run can call it with Node alone).
export type RuntimeName = 'bun' | 'deno' | 'workerd' | 'node24';
export declare const RUNTIMES_DIR: string;
export declare const RUNTIMES: Record<RuntimeName, { spec: string; binary(): string }>;
export declare function installRuntimes(names?: RuntimeName[]): Promise<string | undefined>;
export declare function runtimeBinary(name: RuntimeName): Promise<{ binary: string; skip?: undefined } | { skip: string; binary?: undefined }>;
