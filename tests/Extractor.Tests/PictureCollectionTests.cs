using System.Text;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Readers.Docx;
using Extractor.Readers.Html;

namespace Extractor.Tests;

/// <summary>Which pictures the DOCX and HTML readers hand to the picture reader, where, and what they say about the rest.</summary>
public class PictureCollectionTests
{
    /// <summary>Records the pictures instead of reading them, and inserts a marker block for each.</summary>
    private sealed class Recorder : IPictureReader
    {
        public List<EmbeddedPicture> Seen { get; } = [];

        public void ReadPictures(IReadOnlyList<EmbeddedPicture> pictures, LayoutDocument document, CancellationToken cancellationToken)
        {
            Seen.AddRange(pictures);
            foreach (var picture in pictures.Reverse())
            {
                document.Blocks.Insert(picture.BlockIndex, new TextBlock($"[{picture.Name}]", Provenance.None));
            }
        }
    }

    private static readonly string Png = Convert.ToBase64String(File.ReadAllBytes(TestPaths.TestData("picture-unit", "rgb8.png")));

    private static (LayoutDocument Layout, Recorder Pictures) ReadHtml(string html, string? folder = null)
    {
        var recorder = new Recorder();
        var reader = new HtmlReader { Pictures = recorder };
        var bytes = Encoding.UTF8.GetBytes(html);
        var layout = folder is null ? reader.Read(bytes, "page.html") : reader.ReadInFolder(bytes, "page.html", folder);
        return (layout, recorder);
    }

    private static List<string> Texts(LayoutDocument layout) => layout.Blocks.OfType<TextBlock>().Select(b => b.Text).ToList();

    [Fact]
    public void DocxRead_HandsOverPictures_WithTheirPlaceAndDisplayedSize()
    {
        var recorder = new Recorder();
        var layout = new DocxReader { Pictures = recorder }.Read(File.ReadAllBytes(TestPaths.TestData("docx", "picture-tables.docx")), "picture-tables.docx");

        Assert.Equal(["image1.png", "image2.png", "image3.jpeg", "image4.png"], recorder.Seen.Select(p => p.Name));
        Assert.Equal(["image/png", "image/png", "image/jpeg", "image/png"], recorder.Seen.Select(p => p.ContentType));
        var texts = Texts(layout);
        Assert.Equal("[image1.png]", texts[0]);
        Assert.Equal("[image2.png]", texts[texts.IndexOf("二、主动公开政府信息情况") + 1]);
        Assert.Equal("[image3.jpeg]", texts[texts.IndexOf("三、收到和处理政府信息公开申请情况") + 1]);
        Assert.Equal("[image4.png]", texts[texts.IndexOf("四、政府信息公开行政复议、行政诉讼情况") + 1]);
        // Shown at 150 dpi: 928 px over 6.19 inches.
        Assert.Equal(928 / 150.0, recorder.Seen[1].DisplayWidthInches!.Value, 2);
    }

    [Fact]
    public void HtmlRead_DecodesDataUris_AndPlacesThemBetweenTheLines()
    {
        var (layout, recorder) = ReadHtml($"<p>二、主动公开政府信息情况</p><p>说明<img src=\"data:image/png;base64,{Png}\" width=\"600\">文字</p><p>三、后文</p><table><tr><td>规章</td><td>1</td></tr></table>");

        var picture = Assert.Single(recorder.Seen);
        Assert.Equal(File.ReadAllBytes(TestPaths.TestData("picture-unit", "rgb8.png")), picture.Bytes);
        Assert.Equal("image/png", picture.ContentType);
        Assert.Equal(600 / 96.0, picture.DisplayWidthInches!.Value, 3);
        Assert.Equal(["二、主动公开政府信息情况", "说明文字", "[data: URI #1]", "三、后文"], Texts(layout));
    }

    [Fact]
    public void HtmlRead_SkipsIconsBySize_AndNeverFetchesFromTheWeb()
    {
        var (layout, recorder) = ReadHtml($"<p>正文</p><img src=\"data:image/png;base64,{Png}\" width=\"32\" height=\"32\"><img src=\"https://example.org/t3.png\"><img src=\"//cdn.example.org/t4.jpg\">");

        Assert.Empty(recorder.Seen);
        Assert.Contains("2 image(s) on the page link to the web and were not fetched (this reader never downloads): a table shown in them is not read", layout.Warnings);
    }

    [Fact]
    public void HtmlRead_SaysARelativeImageIsNotInTheUpload_WhenOnlyBytesAreGiven()
    {
        var (layout, recorder) = ReadHtml("<p>正文</p><img src=\"images/x.png\">");

        Assert.Empty(recorder.Seen);
        Assert.Contains(layout.Warnings, w => w.StartsWith("image images/x.png not in the upload", StringComparison.Ordinal));
    }

    [Fact]
    public void HtmlReadInFolder_ReadsRelativeImages_ButNothingOutsideTheFolder()
    {
        var root = Directory.CreateTempSubdirectory("extractor-html-images-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "page"));
            Directory.CreateDirectory(Path.Combine(folder.FullName, "images"));
            File.Copy(TestPaths.TestData("picture-unit", "gray8.png"), Path.Combine(folder.FullName, "images", "t 3.png"));
            File.Copy(TestPaths.TestData("picture-unit", "gray8.png"), Path.Combine(root.FullName, "secret.png"));

            var (layout, recorder) = ReadHtml("<p>正文</p><img src=\"images/t%203.png\"><img src=\"../secret.png\"><img src=\"images/missing.png\">", folder.FullName);

            var picture = Assert.Single(recorder.Seen);
            Assert.Equal("images/t 3.png", picture.Name);
            Assert.Contains("image ../secret.png lies outside the page's folder: not read", layout.Warnings);
            Assert.Contains(layout.Warnings, w => w.StartsWith("image images/missing.png not found beside the page", StringComparison.Ordinal));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void HtmlRead_IgnoresImages_WhenNoPictureReaderIsSet()
    {
        var layout = new HtmlReader().Read(Encoding.UTF8.GetBytes("<p>正文</p><img src=\"x.png\"><table><tr><td>规章</td><td>1</td></tr></table>"), "page.html");

        Assert.Empty(layout.Warnings);
        Assert.Equal(["正文"], Texts(layout));
    }
}
