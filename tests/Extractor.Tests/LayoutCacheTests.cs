using Extractor.Evaluation;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Results;

namespace Extractor.Tests;

/// <summary>
/// A layout survives JSON exactly (what <c>extractor train</c> keeps in its layout cache), and the
/// cache gives back only what the reader gave for the same bytes and name.
/// </summary>
public sealed class LayoutCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "extractor-layout-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static TheoryData<string> Documents() =>
    [
        "pdf/lo-truetype-borderless-variants.pdf",
        "pdf/chromium-type3-landscape-blank-cells.pdf",
        "docx/openxml-merged-textbox.docx",
        "html/" + Path.GetFileName(Directory.GetFiles(TestPaths.TestData("html"), "*.html").Order(StringComparer.Ordinal).First()),
        "text/noisy-review-header.txt",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void RoundTrip_GivesTheSameLayoutAndTheSameResult(string relative)
    {
        var path = TestPaths.TestData(relative);
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        var reader = ReaderRegistry.Default.Select(bytes, name);
        var layout = reader.Read(bytes, name, CancellationToken.None);

        var json = LayoutJson.Serialize(layout);
        var back = LayoutJson.Deserialize(json);

        Assert.Equal(json, LayoutJson.Serialize(back));
        Assert.Equal(layout.PlainText(), back.PlainText());
        Assert.Equal(layout.Blocks.Count, back.Blocks.Count);
        var cells = layout.Tables.SelectMany(t => t.Cells).ToList();
        var backCells = back.Tables.SelectMany(t => t.Cells).ToList();
        Assert.NotEmpty(cells);
        Assert.Equal(cells.Select(c => (c.Row, c.Column, c.RowSpan, c.ColSpan, c.Text, c.Confidence, c.Provenance.Page, c.Provenance.Offset, c.Provenance.DomPath)),
            backCells.Select(c => (c.Row, c.Column, c.RowSpan, c.ColSpan, c.Text, c.Confidence, c.Provenance.Page, c.Provenance.Offset, c.Provenance.DomPath)));
        Assert.Equal(cells.Select(c => c.Provenance.BBox is null ? "" : string.Join(',', c.Provenance.BBox.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))),
            backCells.Select(c => c.Provenance.BBox is null ? "" : string.Join(',', c.Provenance.BBox.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));

        var extractor = new DocumentExtractor();
        var fresh = extractor.Build(layout, name, "sha", reader.Format);
        var cached = extractor.Build(back, name, "sha", reader.Format);
        fresh.TimingsMs.Clear();
        cached.TimingsMs.Clear();
        Assert.Equal(ResultJson.Serialize(fresh), ResultJson.Serialize(cached));
        Assert.Contains(fresh.Fields.Values, f => f.Status == FieldStatus.Ok);
    }

    [Fact]
    public void RoundTrip_KeepsOcrConfidenceWarningsUnreadablePagesAndTimings()
    {
        var layout = new LayoutDocument { Format = "pdf", Pages = 3 };
        layout.Blocks.Add(new TextBlock("二、主动公开政府信息情况", new Provenance(Page: 1, BBox: [72.1, 700.25, 300, 712.5])));
        layout.Blocks.Add(new TableBlock(new Table(
            [
                new Cell(0, 0, "规章", new Provenance(Page: 2), ColSpan: 2) { Confidence = 0.87 },
                new Cell(1, 0, "3", new Provenance(Page: 2, BBox: [0.1, 0.2, 0.30000000000000004, 1e-9])),
                new Cell(1, 1, "", Provenance.None, RowSpan: 1),
            ],
            new Provenance(Page: 2), "ocr")));
        layout.Warnings.Add("page 3: no text layer");
        layout.UnreadablePages.Add(3);
        layout.TimingsMs["tesseract.chi_sim"] = 1234.5;

        var back = LayoutJson.Deserialize(LayoutJson.Serialize(layout));

        Assert.Equal(3, back.Pages);
        Assert.Equal("pdf", back.Format);
        var table = Assert.Single(back.Tables);
        Assert.Equal("ocr", table.Strategy);
        Assert.Equal(0.87, table.At(0, 1)!.Confidence);
        Assert.Equal(2, table.At(0, 0)!.ColSpan);
        Assert.Equal([0.1, 0.2, 0.30000000000000004, 1e-9], table.At(1, 0)!.Provenance.BBox!);
        Assert.Same(Provenance.None, table.At(1, 1)!.Provenance);
        Assert.Equal(["page 3: no text layer"], back.Warnings);
        Assert.Equal([3], back.UnreadablePages);
        Assert.Equal(1234.5, back.TimingsMs["tesseract.chi_sim"]);
        Assert.Equal([72.1, 700.25, 300, 712.5], ((TextBlock)back.Blocks[0]).Provenance.BBox!);
    }

    [Fact]
    public void Get_GivesWhatWasPut_OnlyForTheSameBytesAndName()
    {
        var cache = new LayoutCache(_folder);
        var bytes = File.ReadAllBytes(TestPaths.TestData("text", "noisy-review-header.txt"));
        var layout = ReaderRegistry.Default.Select(bytes, "a.txt").Read(bytes, "a.txt", CancellationToken.None);

        Assert.Null(cache.Get(bytes, "a.txt"));
        cache.Put(bytes, "a.txt", layout);

        Assert.Equal(layout.PlainText(), cache.Get(bytes, "a.txt")!.PlainText());
        Assert.Null(cache.Get(bytes, "b.txt"));
        Assert.Null(cache.Get([.. bytes, (byte)'\n'], "a.txt"));
        Assert.Equal(1, cache.Hits);
        Assert.Equal(3, cache.Misses);
    }

    [Fact]
    public void Get_TreatsADamagedEntryAsAMiss_AndPutReplacesIt()
    {
        var cache = new LayoutCache(_folder);
        var bytes = "一、总体情况\n"u8.ToArray();
        var layout = new LayoutDocument { Format = "text" };
        layout.Blocks.Add(new TextBlock("一、总体情况", new Provenance(Offset: 0)));
        Directory.CreateDirectory(_folder);
        File.WriteAllText(cache.PathFor(bytes, "r.txt"), "{\"format\": \"text\", \"blocks\": [{\"tab");

        Assert.Null(cache.Get(bytes, "r.txt"));
        cache.Put(bytes, "r.txt", layout);

        Assert.Equal("一、总体情况", ((TextBlock)cache.Get(bytes, "r.txt")!.Blocks[0]).Text);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void ReadAll_WithCache_GivesTheLayoutsOfAFreshRead_AndReadsNothingTheSecondTime()
    {
        var folder = TestPaths.TestData("text");
        var cache = new LayoutCache(_folder);
        var fresh = LabelledLayout.ReadAll([folder]);

        var first = LabelledLayout.ReadAll([folder], cache: cache);
        var second = LabelledLayout.ReadAll([folder], cache: cache);

        Assert.Equal(fresh.Select(d => d.Path), second.Select(d => d.Path));
        Assert.Equal(fresh.Count, cache.Hits);
        Assert.Equal(fresh.Count, cache.Misses);
        Assert.Equal(fresh.Select(d => Untimed(d.Layout)), first.Select(d => Untimed(d.Layout)));
        Assert.Equal(first.Select(d => Untimed(d.Layout)), second.Select(d => Untimed(d.Layout)));
        Assert.Equal(fresh.Select(d => d.Truth.Fields.Count), second.Select(d => d.Truth.Fields.Count));
    }

    /// <summary>The layout as JSON without the reader's timings, which differ from read to read.</summary>
    private static string Untimed(LayoutDocument layout)
    {
        var copy = LayoutJson.Deserialize(LayoutJson.Serialize(layout));
        copy.TimingsMs.Clear();
        return System.Text.Encoding.UTF8.GetString(LayoutJson.Serialize(copy));
    }
}
