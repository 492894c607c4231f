using Extractor.Readers.Ocr;

namespace Extractor.Tests.Ocr;

/// <summary>
/// Pages sharing Tesseract runs (<see cref="TesseractBatch"/>) and cells laid out into strips
/// (<see cref="CellStrips"/>): a stand-in for Tesseract where the logic is tested, the real one once.
/// </summary>
public class OcrBatchTests
{
    private static readonly string ScanPath = TestPaths.TestData("scan", "scan-ruled-150dpi.pdf");

    /// <summary>A stand-in for Tesseract that reads every image as one word: its width.</summary>
    private sealed class FakeTesseract
    {
        public List<(string Language, int Psm, int Images)> Runs { get; } = [];

        public string? FailOn { get; init; }

        public List<List<OcrWord>> Run(IReadOnlyList<GrayImage> images, string language, int psm, int dpi, string? whitelist, CancellationToken cancellationToken)
        {
            Runs.Add((language, psm, images.Count));
            if (language == FailOn)
            {
                throw new IOException("tesseract failed");
            }
            return images.Select(i => new List<OcrWord> { new(i.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, 0, i.Width, i.Height, 90, 1, 1, 1) }).ToList();
        }
    }

    private static List<GrayImage> Images(params int[] widths) => widths.Select(w => new GrayImage(w, 10)).ToList();

    private static string Read(List<List<OcrWord>> words) => string.Join(",", words.Select(w => w.Single().Text));

    [Fact]
    public async Task Run_SharesOneRunPerSetting_AndHandsEachFlowItsOwnWords()
    {
        var tesseract = new FakeTesseract();
        var seen = new List<string>[3];
        Func<Recognizer, Task<int>> Flow(int k, params int[] widths) => async recognize =>
        {
            var digits = Read(await recognize(Images(widths), "eng", 6, 300, "0123456789"));
            seen[k] = [digits];
            seen[k].Add(Read(await recognize(Images(100 + k), "chi_sim", 6, 150, null)));
            if (k == 1)
            {
                seen[k].Add(Read(await recognize(Images(7), "eng", 7, 300, "0123456789")));
            }
            return k;
        };
        var timings = Enumerable.Range(0, 3).Select(_ => new Dictionary<string, double>()).ToList();

        var done = TesseractBatch.Run([Flow(0, 1, 2), Flow(1, 3), Flow(2, 4, 5, 6)], timings, CancellationToken.None, tesseract.Run);

        Assert.All(done, t => Assert.True(t.IsCompletedSuccessfully));
        var results = await Task.WhenAll(done);
        Assert.Equal([0, 1, 2], results);
        Assert.Equal([("eng", 6, 6), ("chi_sim", 6, 3), ("eng", 7, 1)], tesseract.Runs);
        Assert.Equal(["1,2", "100"], seen[0]);
        Assert.Equal(["3", "101", "7"], seen[1]);
        Assert.Equal(["4,5,6", "102"], seen[2]);
        Assert.All(timings, t => Assert.Contains("tesseract.chi_sim", t.Keys));
    }

    [Fact]
    public async Task Run_FailsOnlyTheFlowsThatAskedTheFailedRun()
    {
        var tesseract = new FakeTesseract { FailOn = "chi_sim" };
        Func<Recognizer, Task<string>> Flow(string language) => async recognize => Read(await recognize(Images(5), language, 6, 300, null));

        var done = TesseractBatch.Run([Flow("chi_sim"), Flow("eng")], [[], []], CancellationToken.None, tesseract.Run);

        Assert.True(done[0].IsFaulted && done[1].IsCompletedSuccessfully);
        await Assert.ThrowsAsync<IOException>(() => done[0]);
        Assert.Equal("5", await done[1]);
    }

    [Fact]
    public void Compose_PutsTheFiguresOfARowSideBySide_AndGivesEachCropTheWordsOverIt()
    {
        var label = new CellInk(0, new GrayImage(200, 40), 10, 10, Row: 1);
        var figures = new[] { new CellInk(2, new GrayImage(20, 30), 600, 10, Row: 1), new CellInk(1, new GrayImage(30, 30), 400, 10, Row: 1) };

        var strips = CellStrips.Compose([label, .. figures], batchSize: 40, margin: 30, inRows: c => c.Index > 0, dpi: 300);

        Assert.Equal(2, strips.Images.Count);
        var row = strips.Places[1];
        // Left to right as on the page, with a gap of 0.4 inch between them.
        Assert.Equal([1, 2], row.Select(p => p.Crop.Index));
        Assert.Equal(30 + 30 + 120, row[1].Left);
        List<List<OcrWord>> words =
        [
            [new("标签", 30, 30, 230, 70, 90, 1, 1, 1)],
            [new("12", 31, 31, 59, 59, 95, 1, 1, 1), new("7", 181, 31, 199, 59, 93, 1, 1, 1)],
        ];
        var assigned = strips.Assign(words);
        Assert.Equal("标签", assigned[0].Single().Text);
        Assert.Equal(("12", 1, 1), (assigned[1].Single().Text, assigned[1].Single().X0, assigned[1].Single().Y0));
        Assert.Equal(("7", 1), (assigned[2].Single().Text, assigned[2].Single().X0));
    }

    [Fact]
    public void Half_AveragesEachBlockOfFourPixels()
    {
        var image = new GrayImage(4, 3, [0, 100, 255, 255, 200, 100, 255, 255, 9, 9, 9, 9]);

        var half = image.Half();

        Assert.Equal((2, 1), (half.Width, half.Height));
        Assert.Equal([100, 255], half.Pixels);
    }

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void ReadPages_AndReadImages_ReadAsPageByPage_WithTheRunsShared()
    {
        var runs = 0;
        List<List<OcrWord>> Counted(IReadOnlyList<GrayImage> images, string language, int psm, int dpi, string? whitelist, CancellationToken token)
        {
            runs++;
            return Tesseract.RecognizeMany(images, language, psm, dpi, whitelist, token);
        }
        var alone = new[] { 2, 3 }.Select(p => OcrPageReader.ReadPages(ScanPath, [p], null, CancellationToken.None, Counted).Single()).ToList();
        var aloneRuns = runs;
        runs = 0;

        var together = OcrPageReader.ReadPages(ScanPath, [2, 3], null, CancellationToken.None, Counted);

        Assert.True(runs <= 3 && aloneRuns >= 4, $"{runs} runs for two pages together, {aloneRuns} page by page");
        static string Cells(OcrPage page) => string.Join("|", page.Tables.SelectMany(t => t.Cells).Select(c => $"{c.Text}:{c.Confidence}"));
        Assert.Equal(alone.Select(Cells), together.Select(Cells));
        Assert.All(together, p => Assert.Contains("tesseract.chi_sim", p.TimingsMs.Keys));
        var images = OcrPageReader.ReadImages([(OcrPageReader.Render(ScanPath, 2, 300, CancellationToken.None), 2), (OcrPageReader.Render(ScanPath, 3, 300, CancellationToken.None), 3)]);
        Assert.Equal(together.Select(Cells), images.Select(Cells));
    }
}
