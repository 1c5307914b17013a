// Which operating system and CPU an executable was built for, read from its first bytes (ELF,
// Mach-O or PE header), so a bundled server from another platform's .vsix is never started.
// Free of the `vscode` module so it can be tested under plain Node.
import * as fs from "node:fs";

export interface BinaryPlatform {
  platform: NodeJS.Platform;
  arch: string;
}

/** Bytes enough for every header read below (PE's offset to its header is usually < 0x100). */
export const HEADER_BYTES = 512;

const ELF_MACHINES: Record<number, string> = { 0x3e: "x64", 0xb7: "arm64" };
const MACHO_CPUS: Record<number, string> = { 0x01000007: "x64", 0x0100000c: "arm64" };
const PE_MACHINES: Record<number, string> = { 0x8664: "x64", 0xaa64: "arm64" };

/** The platform of the executable whose header is `header`, or undefined when unknown. */
export function binaryPlatform(header: Uint8Array): BinaryPlatform | undefined {
  const bytes = Buffer.from(header.buffer, header.byteOffset, header.byteLength);
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    // Little-endian ELF only: every target the project ships is little-endian.
    const arch = bytes[5] === 1 ? ELF_MACHINES[bytes.readUInt16LE(18)] : undefined;
    return arch ? { platform: "linux", arch } : undefined;
  }
  if (bytes.length >= 8 && bytes.readUInt32LE(0) === 0xfeedfacf) {
    const arch = MACHO_CPUS[bytes.readUInt32LE(4)];
    return arch ? { platform: "darwin", arch } : undefined;
  }
  if (bytes.length >= 0x40 && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.readUInt32BE(pe) === 0x50450000) {
      const arch = PE_MACHINES[bytes.readUInt16LE(pe + 4)];
      return arch ? { platform: "win32", arch } : undefined;
    }
  }
  return undefined;
}

export function describePlatform(platform: BinaryPlatform | undefined): string {
  return platform ? `${platform.platform}-${platform.arch}` : "an unknown platform";
}

/** The first bytes of a file, or undefined when it cannot be read. */
export function readHeader(file: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, "r");
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = fs.readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      fs.closeSync(fd);
    }
  }
}
