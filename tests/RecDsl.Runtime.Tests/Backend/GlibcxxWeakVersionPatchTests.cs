using System.Buffers.Binary;
using System.Text;
using RecDsl.Backend;

namespace RecDsl.Tests.Backend;

public class GlibcxxWeakVersionPatchTests
{
    private const int VerneedAt = 128;
    private const int FirstAuxFlagsAt = VerneedAt + 16 + 4;
    private const int SecondAuxFlagsAt = VerneedAt + 32 + 4;

    /// <summary>A minimal ELF64 image laid out by hand from the ELF spec: a string table and a
    /// .gnu.version_r section that needs GLIBCXX_3.4.32 and GLIBCXX_3.4.30 from libstdc++.so.6.</summary>
    private static byte[] SyntheticElf()
    {
        var image = new byte[192 + 3 * 64];
        var span = image.AsSpan();
        "\u007fELF"u8.CopyTo(span);
        image[4] = 2; // ELFCLASS64
        image[5] = 1; // little endian
        BinaryPrimitives.WriteUInt64LittleEndian(span[0x28..], 192); // e_shoff
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x3A..], 64);  // e_shentsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[0x3C..], 3);   // e_shnum

        var strings = "\0libstdc++.so.6\0GLIBCXX_3.4.32\0GLIBCXX_3.4.30\0";
        Encoding.ASCII.GetBytes(strings).CopyTo(span[64..]);
        uint Str(string s) => (uint)strings.IndexOf(s, StringComparison.Ordinal);

        var need = span[VerneedAt..];
        BinaryPrimitives.WriteUInt16LittleEndian(need, 1);               // vn_version
        BinaryPrimitives.WriteUInt16LittleEndian(need[2..], 2);          // vn_cnt
        BinaryPrimitives.WriteUInt32LittleEndian(need[4..], Str("libstdc++.so.6"));
        BinaryPrimitives.WriteUInt32LittleEndian(need[8..], 16);         // vn_aux
        var aux1 = span[(VerneedAt + 16)..];
        BinaryPrimitives.WriteUInt32LittleEndian(aux1[8..], Str("GLIBCXX_3.4.32"));
        BinaryPrimitives.WriteUInt32LittleEndian(aux1[12..], 16);        // vna_next
        var aux2 = span[(VerneedAt + 32)..];
        BinaryPrimitives.WriteUInt32LittleEndian(aux2[8..], Str("GLIBCXX_3.4.30"));

        var strtab = span[(192 + 64)..];
        BinaryPrimitives.WriteUInt32LittleEndian(strtab[4..], 3);        // SHT_STRTAB
        BinaryPrimitives.WriteUInt64LittleEndian(strtab[24..], 64);
        var verneed = span[(192 + 128)..];
        BinaryPrimitives.WriteUInt32LittleEndian(verneed[4..], 0x6ffffffe); // SHT_GNU_verneed
        BinaryPrimitives.WriteUInt64LittleEndian(verneed[24..], VerneedAt);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed[40..], 1);      // sh_link: the string table
        BinaryPrimitives.WriteUInt32LittleEndian(verneed[44..], 1);      // sh_info: one Verneed entry
        return image;
    }

    [Fact]
    public void Marks_only_the_named_version_weak()
    {
        var elf = SyntheticElf();
        var outcome = GlibcxxWeakVersionPatch.MarkWeak(elf, new[] { "GLIBCXX_3.4.32" });
        Assert.Equal(GlibcxxWeakVersionPatch.Outcome.Patched, outcome);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(FirstAuxFlagsAt)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(SecondAuxFlagsAt)));
    }

    [Fact]
    public void Second_application_changes_nothing()
    {
        var elf = SyntheticElf();
        GlibcxxWeakVersionPatch.MarkWeak(elf, new[] { "GLIBCXX_3.4.32" });
        var once = (byte[])elf.Clone();
        Assert.Equal(GlibcxxWeakVersionPatch.Outcome.AlreadyFine, GlibcxxWeakVersionPatch.MarkWeak(elf, new[] { "GLIBCXX_3.4.32" }));
        Assert.Equal(once, elf);
    }

    [Fact]
    public void Leaves_other_files_alone()
    {
        var text = Encoding.ASCII.GetBytes(new string('x', 200));
        Assert.Equal(GlibcxxWeakVersionPatch.Outcome.NotElf, GlibcxxWeakVersionPatch.MarkWeak(text, new[] { "GLIBCXX_3.4.32" }));
    }

    [Fact]
    public void The_library_that_is_loaded_no_longer_requires_a_version_the_system_lacks()
    {
        // The copies next to the test assembly are the ones TorchSharp loads.
        var copies = TorchBackend.NativeLibraryCandidates().Where(File.Exists).ToList();
        Assert.NotEmpty(copies);
        var missing = GlibcxxWeakVersionPatch.MissingFromSystem();
        foreach (var path in copies)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(GlibcxxWeakVersionPatch.Outcome.AlreadyFine, GlibcxxWeakVersionPatch.MarkWeak(bytes, missing.Count == 0 ? new[] { "none" } : missing));
        }
    }
}
