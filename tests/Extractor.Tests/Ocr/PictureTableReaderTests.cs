using System.IO.Compression;
using Extractor.Evaluation;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Readers.Ocr;
using Extractor.Results;

namespace Extractor.Tests.Ocr;

/// <summary>Pictures in DOCX and HTML: what is skipped, what is said without OCR, how pictures are decoded and scaled (no Tesseract needed).</summary>
public class PictureTableReaderTests
{
    private static byte[] DocxMedia(string name)
    {
        using var zip = ZipFile.OpenRead(TestPaths.TestData("docx", "picture-tables.docx"));
        using var stream = zip.GetEntry($"word/media/{name}")!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static LayoutDocument Document(params string[] lines)
    {
        var document = new LayoutDocument { Format = "docx" };
        document.Blocks.AddRange(lines.Select(l => new TextBlock(l, Provenance.None)));
        return document;
    }

    [Fact]
    public void ReadPictures_SkipsTinyPictures_WithoutOcr()
    {
        // OCR is taken as installed: a picture that reached it would leave a block or a warning behind.
        var reader = new PictureTableReader(new PictureOcrOptions { OcrInstalled = true });
        var document = Document("标题");
        var logo = new EmbeddedPicture(DocxMedia("image1.png"), "image/png", 0, "image1.png");
        var strip = new EmbeddedPicture(File.ReadAllBytes(TestPaths.TestData("picture-unit", "gray8.png")), "image/png", 1, "gray8.png");

        reader.ReadPictures([logo, strip], document, CancellationToken.None);

        Assert.Empty(document.Warnings);
        Assert.Single(document.Blocks);
    }

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void ReadImage_RecognisesNothing_InPictureWithoutRuledTable_WhenTablesOnly()
    {
        // A borderless table is text to the OCR but no ruled table: as a picture in a document (most
        // are photos and logos) it costs no Tesseract run at all.
        var image = OcrPageReader.Render(TestPaths.TestData("pdf-unit", "stream.pdf"), 1, 150, CancellationToken.None);
        var options = new OcrOptions { Dpi = 150 };

        var tablesOnly = OcrPageReader.ReadImage(image, 1, options with { TablesOnly = true });
        var whole = OcrPageReader.ReadImage(image, 1, options);

        Assert.Empty(tablesOnly.Words);
        Assert.Empty(tablesOnly.Blocks);
        Assert.NotEmpty(whole.Words);
    }

    [Fact]
    public void ReadPictures_CountsUnreadPictures_WhenOcrIsNotInstalled()
    {
        var reader = new PictureTableReader(new PictureOcrOptions { OcrInstalled = false });
        var document = Document("标题", "二、主动公开政府信息情况");
        var pictures = new[]
        {
            new EmbeddedPicture(DocxMedia("image1.png"), "image/png", 0, "image1.png"),
            new EmbeddedPicture(DocxMedia("image2.png"), "image/png", 2, "image2.png"),
            new EmbeddedPicture(DocxMedia("image3.jpeg"), "image/jpeg", 2, "image3.jpeg"),
        };

        reader.ReadPictures(pictures, document, CancellationToken.None);

        var warning = Assert.Single(document.Warnings);
        Assert.StartsWith("2 picture(s) could not be recognised because OCR is not installed", warning, StringComparison.Ordinal);
        Assert.Contains("figures are missing", warning, StringComparison.Ordinal);
        Assert.Equal(2, document.Blocks.Count);
    }

    [Fact]
    public void ReadPictures_NamesTheFormat_WhenPictureIsNotPngOrJpeg()
    {
        var reader = new PictureTableReader(new PictureOcrOptions { OcrInstalled = false });
        var document = Document("标题");

        reader.ReadPictures([new EmbeddedPicture("GIF89a\x01\x00\x01\x00"u8.ToArray(), "image/gif", 1, "chart.gif")], document, CancellationToken.None);

        Assert.Equal("picture chart.gif is gif, which is not read (PNG and JPEG are): a table in it is not read", Assert.Single(document.Warnings));
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("html")]
    public void Extract_LeavesTableFiguresMissingNotZero_WhenOcrIsNotInstalled(string kind)
    {
        var path = TestPaths.TestData(kind, kind == "docx" ? "picture-tables.docx" : "picture-tables.html");
        var extractor = new DocumentExtractor(registry: ReaderRegistry.Create(new PictureOcrOptions { OcrInstalled = false }));

        var result = extractor.ExtractFile(path);

        Assert.Contains(result.Warnings, w => w.StartsWith("3 picture(s) could not be recognised because OCR is not installed", StringComparison.Ordinal));
        var tableFields = result.Fields.Where(f => f.Key.StartsWith("active.", StringComparison.Ordinal) || f.Key.StartsWith("reviewLitigation.", StringComparison.Ordinal)
            || (f.Key.StartsWith("applications.", StringComparison.Ordinal) && f.Key != "applications.newReceived.total")).ToList();
        Assert.Equal(199, tableFields.Count);
        Assert.All(tableFields, f => Assert.Null(f.Value.Value));
        Assert.All(tableFields, f => Assert.NotEqual(FieldStatus.Ok, f.Value.Status));
        // The prose count (全年共收到…N件) may stand in for the application total: never 0, never another figure.
        var truth = TruthFile.Load(TruthFile.For(path)!);
        Assert.True(result.Fields["applications.newReceived.total"].Value is null || result.Fields["applications.newReceived.total"].Value == truth.Fields["applications.newReceived.total"]);
    }

    [Fact]
    public void Scale_BringsPicturesToTheOcrResolution_FromDisplaySizeThenFileThenDefault()
    {
        var reader = new PictureTableReader();
        var info = new PictureInfo("png", 900, 600, 150);

        // 900 px shown 3 inches wide: 300 dpi already.
        Assert.Equal(1.0, reader.Scale(new EmbeddedPicture([], "", 0, "a") { DisplayWidthInches = 3 }, info), 3);
        // No display size: the file's 150 dpi.
        Assert.Equal(2.0, reader.Scale(new EmbeddedPicture([], "", 0, "a"), info), 3);
        // 72 dpi is a default, not a measurement: a screenshot at 96 dpi.
        Assert.Equal(300 / 96.0, reader.Scale(new EmbeddedPicture([], "", 0, "a"), info with { Dpi = 72 }), 3);
    }

    [Fact]
    public void Resize_InterpolatesUp_AndAveragesDown()
    {
        var image = new GrayImage(2, 2, [0, 255, 255, 0]);

        var up = PictureDecoder.Resize(image, 2);
        var down = PictureDecoder.Resize(image, 0.5);

        Assert.Equal((4, 4), (up.Width, up.Height));
        Assert.Equal(0, up[0, 0]);
        Assert.Equal(255, up[3, 0]);
        Assert.InRange(up[1, 1], 60, 196);
        Assert.Equal((1, 1), (down.Width, down.Height));
        Assert.Equal(127, down[0, 0]);
    }

    [RequiresToolFact("pdftoppm")]
    public void Decode_RendersJpeg_ThroughAOnePagePdfAtTheScale()
    {
        var jpeg = DocxMedia("image3.jpeg");
        var info = PictureDecoder.Probe(jpeg)!;

        var image = PictureDecoder.Decode(jpeg, 2, CancellationToken.None);

        Assert.Equal(("jpeg", 150.0), (info.Format, info.Dpi));
        Assert.InRange(image.Width, 2 * info.Width - 2, 2 * info.Width + 2);
        Assert.InRange(image.Height, 2 * info.Height - 2, 2 * info.Height + 2);
        // A ruled table: the left border is a dark column near the left edge, the paper is white.
        Assert.True(image.Pixels.Count(p => p > 200) > image.Pixels.Length * 0.7);
        Assert.Contains(Enumerable.Range(0, 60), x => Enumerable.Range(image.Height / 3, 100).All(y => image[x, y] < 128));
    }
}
