using System.Net.Http.Json;
using Extractor.Server.Evidence;
using Extractor.Server.Tests.Infrastructure;

namespace Extractor.Server.Tests;

/// <summary>An image document: the box on the picture itself. SQLite only: the store plays no part, the OCR is slow.</summary>
public sealed class PictureEvidenceTests() : StoreTests(null)
{
    [SkippableFact]
    public async Task PictureEvidence_BoxLiesOnTheCellOfThePicture()
    {
        Skip.If(!Extractor.Readers.Ocr.OcrPageReader.IsAvailable, "OCR (tesseract with chi_sim, pdftoppm) is not installed");
        var factory = Server(await NewStoreAsync());
        var uploader = factory.Client("uploader");
        var picture = File.ReadAllBytes(Path.Combine(Samples.RepoRoot, "testdata", "image", "long-screenshot-110dpi.png"));
        var batch = await Api.UploadAsync(uploader, ("long-screenshot.png", picture));
        await Api.WaitFinishedAsync(uploader, batch.Id, TimeSpan.FromMinutes(5));
        var id = batch.Entries[0].DocumentId;
        var analyst = factory.Client("analyst");

        var ev = (await analyst.GetFromJsonAsync<FieldEvidenceDto>($"/api/documents/{id}/fields/applications.newReceived.total/evidence", Api.Json))!;
        Assert.Equal(("picture", "image", 218m), (ev.Kind, ev.Format, ev.Value!.Value));
        var page = ev.Page!;
        // The picture's own pixels: its size as the file says (PNG header).
        var info = Extractor.Readers.Ocr.PictureDecoder.Probe(picture)!;
        Assert.Equal((info.Width, info.Height), (page.ImageWidth, page.ImageHeight));

        var plain = PngPixels.Read(await analyst.GetByteArrayAsync($"/api/documents/{id}/pages/1.png"));
        var boxed = PngPixels.Read(await analyst.GetByteArrayAsync(page.ImageUrl));
        Assert.Equal((info.Width, info.Height), (plain.Width, plain.Height));
        var (x0, y0, x1, y1) = (page.PixelBox[0], page.PixelBox[1], page.PixelBox[2], page.PixelBox[3]);
        Assert.True(plain.HasVerticalRule(x0, y0, y1), $"no rule near the left edge x={x0}");
        Assert.True(plain.HasVerticalRule(x1, y0, y1), $"no rule near the right edge x={x1}");
        Assert.True(plain.HasHorizontalRule(y0, x0, x1), $"no rule near the top edge y={y0}");
        Assert.True(plain.HasHorizontalRule(y1, x0, x1), $"no rule near the bottom edge y={y1}");
        Assert.True(boxed.IsRed(x0 - 1, (y0 + y1) / 2) && boxed.IsRed(x1, (y0 + y1) / 2));
        Assert.False(plain.IsRed(x0 - 1, (y0 + y1) / 2));
    }
}
