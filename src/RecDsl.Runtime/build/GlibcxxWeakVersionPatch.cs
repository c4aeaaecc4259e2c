// One source file, two uses:
//  * compiled into RecDsl.Runtime (RECDSL_RUNTIME defined) as the first-load fallback;
//  * compiled by MSBuild's RoslynCodeTaskFactory from build/RecDsl.targets as a build task, so the
//    library next to the app is fixed before anything (even user code calling TorchSharp) loads it.
// Keep it to C# 9 and the netstandard API: the task factory compiles it with default settings.
//
// Why: TorchSharp 0.107.0's libLibTorchSharp.so was built with GCC 13 and requires the symbol
// version GLIBCXX_3.4.32 for exactly one symbol (std::ios_base_library_init) that nothing calls.
// Debian 12's libstdc++ (GCC 12) stops at GLIBCXX_3.4.30, so the loader refuses the library.
// Marking that one version requirement weak (VER_FLG_WEAK in its Vernaux entry) lets it load;
// see docs/backend.md for the measurement. It lives in build/ because the NuGet package ships it
// there (buildTransitive) for the task factory; the runtime project compiles the same file.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace RecDsl.Backend
{
    /// <summary>Marks unneeded libstdc++ version requirements of an ELF shared library as weak.</summary>
    internal static class GlibcxxWeakVersionPatch
    {
        /// <summary>The versions that were measured to be required but never used.</summary>
        public static readonly string[] UnusedVersions = { "GLIBCXX_3.4.32" };

        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        private static readonly string[] LibStdCxxCandidates =
        {
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        /// <summary>The result of <see cref="Apply"/> for one file.</summary>
        public enum Outcome
        {
            /// <summary>The system libstdc++ provides every version: nothing to do.</summary>
            NotNeeded,
            /// <summary>The file asks for none of the versions, or already marks them weak.</summary>
            AlreadyFine,
            /// <summary>The file was rewritten with the versions marked weak.</summary>
            Patched,
            /// <summary>The file is not a 64-bit little-endian ELF library (e.g. on another OS).</summary>
            NotElf,
        }

        /// <summary>The versions in <see cref="UnusedVersions"/> that the system libstdc++ lacks.</summary>
        public static List<string> MissingFromSystem()
        {
            var missing = new List<string>(UnusedVersions);
            foreach (var path in LibStdCxxCandidates)
            {
                if (!File.Exists(path)) continue;
                var bytes = File.ReadAllBytes(path);
                missing.RemoveAll(v => IndexOf(bytes, Encoding.ASCII.GetBytes(v + "\0")) >= 0);
                return missing;
            }
            return missing; // no libstdc++ found where we looked: marking weak is harmless
        }

        /// <summary>Marks the versions that the system lacks as weak in <paramref name="path"/>, in place
        /// (written to a temporary file and renamed over the original, so a crash never leaves half a file).</summary>
        public static Outcome Apply(string path)
        {
            var missing = MissingFromSystem();
            if (missing.Count == 0) return Outcome.NotNeeded;
            var bytes = File.ReadAllBytes(path);
            var result = MarkWeak(bytes, missing);
            if (result != Outcome.Patched) return result;
            var temp = path + ".recdsl-tmp";
            File.WriteAllBytes(temp, bytes);
            File.Copy(temp, path, true);
            File.Delete(temp);
            return Outcome.Patched;
        }

        /// <summary>Sets VER_FLG_WEAK on every Vernaux entry named in <paramref name="versions"/>.
        /// Pure function over the bytes, so it is unit-testable on a synthetic ELF image.</summary>
        public static Outcome MarkWeak(byte[] elf, IList<string> versions)
        {
            // ELF magic, ELFCLASS64, ELFDATA2LSB.
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
                || elf[4] != 2 || elf[5] != 1)
                return Outcome.NotElf;

            long shoff = (long)ReadU64(elf, 0x28);
            int shentsize = ReadU16(elf, 0x3A);
            int shnum = ReadU16(elf, 0x3C);
            bool changed = false;
            for (int i = 0; i < shnum; i++)
            {
                long sh = shoff + (long)i * shentsize;
                if (ReadU32(elf, sh + 4) != ShtGnuVerneed) continue;
                long offset = (long)ReadU64(elf, sh + 24);
                uint link = ReadU32(elf, sh + 40);
                uint count = ReadU32(elf, sh + 44);
                long strtab = (long)ReadU64(elf, shoff + (long)link * shentsize + 24);

                long need = offset;
                for (uint n = 0; n < count; n++)
                {
                    int auxCount = ReadU16(elf, need + 2);
                    long aux = need + ReadU32(elf, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        string name = ReadCString(elf, strtab + ReadU32(elf, aux + 8));
                        ushort flags = ReadU16(elf, aux + 4);
                        if (versions.Contains(name) && (flags & VerFlagWeak) == 0)
                        {
                            WriteU16(elf, aux + 4, (ushort)(flags | VerFlagWeak));
                            changed = true;
                        }
                        uint nextAux = ReadU32(elf, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint nextNeed = ReadU32(elf, need + 12);
                    if (nextNeed == 0) break;
                    need += nextNeed;
                }
            }
            return changed ? Outcome.Patched : Outcome.AlreadyFine;
        }

        private static ushort ReadU16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
        private static uint ReadU32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        private static ulong ReadU64(byte[] b, long o) => ReadU32(b, o) | (ulong)ReadU32(b, o + 4) << 32;

        private static void WriteU16(byte[] b, long o, ushort v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }

        private static string ReadCString(byte[] b, long o)
        {
            long end = o;
            while (end < b.Length && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack[i] != needle[0]) continue;
                int j = 1;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }

#if !RECDSL_RUNTIME
    /// <summary>MSBuild task: applies <see cref="GlibcxxWeakVersionPatch"/> to the copies of
    /// libLibTorchSharp.so in a build or publish output folder.</summary>
    public sealed class RecDslPatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        /// <summary>The libLibTorchSharp.so files to fix.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            foreach (var item in Files)
            {
                var path = item.ItemSpec;
                if (!File.Exists(path)) continue;
                try
                {
                    var outcome = GlibcxxWeakVersionPatch.Apply(path);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "RecDsl: {0}: {1}", path, outcome);
                }
                catch (Exception e)
                {
                    // Never fail the user's build over this: the runtime repeats the check at first load
                    // and explains what went wrong there.
                    Log.LogWarning("RecDsl: could not apply the libstdc++ version fix to {0}: {1}", path, e.Message);
                }
            }
            return true;
        }
    }
#endif
}
