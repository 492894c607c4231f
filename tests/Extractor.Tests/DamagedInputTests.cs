using System.Text;
using Extractor.BadInput;
using Extractor.Evaluation;
using Extractor.Readers;
using Extractor.Readers.Docx;
using Extractor.Readers.Html;
using Extractor.Readers.Pdf;
using Extractor.Results;

namespace Extractor.Tests;

/// <summary>Damaged and hostile input (issue 17): never a crash, never a silent error, always a reason in plain words.</summary>
public class DamagedInputTests
{
    private readonly DocumentExtractor _extractor = new();

    private static string Seed() => File.ReadAllText(TestPaths.TestData("text", "seed-juandong-town-2023.txt"));

    private static TruthFile SeedTruth() => TruthFile.Load(TestPaths.TestData("text", "seed-juandong-town-2023.truth.json"));

    /// <summary>
    /// 30 NULs inserted in a UTF-16 report misalign its characters: garbage cells, and figures slid beside them.
    /// Before the decoder noticed the damage, 122 of 400 such mutants of tab-utf16le.txt had wrong figures marked ok.
    /// </summary>
    [Fact]
    public void Utf16WithNulsInserted_HasNoWrongFieldMarkedOk()
    {
        var original = File.ReadAllBytes(TestPaths.TestData("text", "tab-utf16le.txt"));
        var truth = TruthFile.Load(TestPaths.TestData("text", "tab-utf16le.truth.json"));
        var silent = new List<string>();
        var warned = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            var result = _extractor.Extract(BadInputs.Utf16WithNuls(original, 30, seed), "damaged-utf16.txt");
            var score = Evaluator.Score("damaged-utf16.txt", result, truth);
            silent.AddRange(score.Wrong.Where(w => w.EndsWith("(ok)", StringComparison.Ordinal)).Select(w => $"seed {seed}: {w}"));
            warned += result.Warnings.Any(w => w.Contains("damaged", StringComparison.Ordinal)) ? 1 : 0;
        }

        Assert.Empty(silent);
        Assert.True(warned >= 90, $"{warned} of 100 mutants warned of damage");
    }

    [Fact]
    public void Utf16Intact_IsReadWithoutADamageWarning()
    {
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Seed())).ToArray();

        var result = _extractor.Extract(bytes, "intact-utf16.txt");
        var score = Evaluator.Score("intact-utf16.txt", result, SeedTruth());

        Assert.Equal(score.Fields, score.Correct);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("damaged", StringComparison.Ordinal));
    }

    [Fact]
    public void Utf8WithNulsPastTheFirstKilobytes_MarksThoseRowsForReview()
    {
        // Prose first, so the NULs fall past the 8 KB the binary sniffing looks at and reach the tables.
        var prose = string.Concat(Enumerable.Repeat("本机关持续推进政务公开工作，认真落实各项制度要求，不断提升公开质量和实效。\n", 120));
        var text = Seed();
        var at = text.IndexOf("一、", StringComparison.Ordinal);
        text = text[..at] + prose + text[at..];
        var tables = Encoding.UTF8.GetByteCount(text[..text.IndexOf("收到和处理", StringComparison.Ordinal)]);
        var utf8 = Encoding.UTF8.GetBytes(text).ToList();
        Assert.True(tables > 8192);
        var silent = 0;
        for (var seed = 1; seed <= 20; seed++)
        {
            var mutant = utf8.ToList();
            var random = new Random(seed);
            for (var i = 0; i < 20; i++)
            {
                mutant.Insert(random.Next(tables, mutant.Count), 0);
            }
            var result = _extractor.Extract([.. mutant], "nuls-utf8.txt");
            silent += Evaluator.Score("nuls-utf8.txt", result, SeedTruth()).SilentErrors;
            Assert.Contains(result.Warnings, w => w.Contains("damaged", StringComparison.Ordinal));
        }

        Assert.Equal(0, silent);
    }

    [Fact]
    public void HundredMegabytesOfDigits_FailsWithAReason_NoOverflow()
    {
        var result = _extractor.Extract(BadInputs.Digits(100L * 1024 * 1024), "digits.txt");

        Assert.Equal("failed", result.Status);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.Contains("digits.txt", result.Document.FileName);
    }

    [Theory]
    [InlineData("tables")]
    [InlineData("controls")]
    public void DeeplyNestedDocx_IsTooComplex_BeforeTheSdkRecurses(string kind)
    {
        var bytes = kind == "tables" ? BadInputs.DocxNestedTables() : BadInputs.DocxNestedContentControls();

        var result = _extractor.Extract(bytes, $"nested-{kind}.docx");

        Assert.Equal("failed", result.Status);
        Assert.StartsWith("too complex", result.Error);
    }

    [Fact]
    public void DocxBomb_IsTooLarge_BeforeAnyPartIsLoaded()
    {
        var result = _extractor.Extract(BadInputs.DocxBomb(1L << 30), "bomb.docx");

        Assert.Equal("failed", result.Status);
        Assert.StartsWith("too large", result.Error);
        Assert.Contains("word/document.xml", result.Error);
    }

    [Fact]
    public void DocxWithADtd_IsRefusedWithoutUnsafeAdvice()
    {
        var bytes = BadInputs.Docx("<w:p><w:r><w:t>1</w:t></w:r></w:p>");
        var patched = PatchDocumentXml(bytes, xml => xml.Replace("<w:document", "<!DOCTYPE w:document [<!ENTITY x \"y\">]><w:document", StringComparison.Ordinal));

        var result = _extractor.Extract(patched, "dtd.docx");

        Assert.Equal("failed", result.Status);
        Assert.Contains("DTD", result.Error);
        Assert.DoesNotContain("DtdProcessing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DocxWithoutItsMainDocument_SaysSoInItsOwnWords()
    {
        using var ms = new MemoryStream(BadInputs.Docx("<w:p/>"));
        var bytes = RemoveEntry(ms.ToArray(), "word/document.xml");

        var result = _extractor.Extract(bytes, "no-main.docx");

        Assert.Equal("failed", result.Status);
        Assert.StartsWith("damaged", result.Error);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedDocxXml_IsDamaged_WithoutTheParsersText()
    {
        var bytes = PatchDocumentXml(BadInputs.Docx("<w:p><w:r><w:t>1</w:t></w:r></w:p>"), xml => xml.Replace("</w:t>", "</w:x>", StringComparison.Ordinal));

        var result = _extractor.Extract(bytes, "broken-xml.docx");

        Assert.Equal("failed", result.Status);
        Assert.StartsWith("damaged", result.Error);
        Assert.DoesNotContain("XmlException", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfPageTree100000Deep_IsTooComplex_BeforePdfPigRecurses()
    {
        var result = _extractor.Extract(BadInputs.PdfDeepPageTree(), "deep-tree.pdf");

        Assert.Equal("failed", result.Status);
        Assert.Contains("page tree", result.Error);
        Assert.StartsWith("too complex", result.Error);
    }

    [Fact]
    public void PdfReferenceChain_IsTooComplex()
    {
        var result = _extractor.Extract(BadInputs.PdfReferenceChain(), "chain.pdf");

        Assert.Equal("failed", result.Status);
        Assert.StartsWith("too complex", result.Error);
    }

    [Fact]
    public void PdfGuard_LeavesEveryTestdataPdfAlone()
    {
        foreach (var path in Directory.EnumerateFiles(TestPaths.TestData(), "*.pdf", SearchOption.AllDirectories))
        {
            PdfStructureGuard.Check(File.ReadAllBytes(path));
        }
    }

    [Fact]
    public void HtmlGuard_AndDocxGuard_LeaveEveryTestdataFileAlone()
    {
        foreach (var path in Directory.EnumerateFiles(TestPaths.TestData(), "*.htm*", SearchOption.AllDirectories))
        {
            Assert.True(HtmlDepthGuard.Depth(TextDecoder.Decode(File.ReadAllBytes(path)).Text) < 64, path);
        }
        foreach (var path in Directory.EnumerateFiles(TestPaths.TestData(), "*.docx", SearchOption.AllDirectories))
        {
            ZipPackageGuard.Check(File.ReadAllBytes(path), "DOCX");
        }
    }

    [Fact]
    public void Html100000Deep_IsTooComplex()
    {
        var result = _extractor.Extract(BadInputs.HtmlDeep(), "deep.html");

        Assert.Equal("failed", result.Status);
        Assert.StartsWith("too complex", result.Error);
    }

    private static byte[] PatchDocumentXml(byte[] docx, Func<string, string> patch)
    {
        var entries = ReadEntries(docx);
        entries["word/document.xml"] = Encoding.UTF8.GetBytes(patch(Encoding.UTF8.GetString(entries["word/document.xml"])));
        return WriteEntries(entries);
    }

    private static byte[] RemoveEntry(byte[] docx, string name)
    {
        var entries = ReadEntries(docx);
        entries.Remove(name);
        return WriteEntries(entries);
    }

    private static Dictionary<string, byte[]> ReadEntries(byte[] zip)
    {
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        });
    }

    private static byte[] WriteEntries(Dictionary<string, byte[]> entries)
    {
        using var ms = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = archive.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }
}
