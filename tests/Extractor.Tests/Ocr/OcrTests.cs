using Extractor.Evaluation;
using Extractor.Readers.Ocr;
using Extractor.Results;

namespace Extractor.Tests.Ocr;

/// <summary>OCR on a single scanned page (a few seconds): skipped where tesseract or pdftoppm is missing.</summary>
public class OcrTests
{
    private static readonly string ScanPath = TestPaths.TestData("scan", "scan-ruled-150dpi.pdf");

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void ReadPage_ReadsTable4Figures_WhenPageIsAScan()
    {
        var truth = TruthFile.Load(TruthFile.For(ScanPath)!);

        var page = OcrPageReader.ReadPage(File.ReadAllBytes(ScanPath), 3);

        // 表四 is the 15-column grid (its header words are read less reliably than its shape).
        var table4 = page.Tables.Single(t => t.ColumnCount == 15);
        Assert.Equal("ocr", table4.Strategy);
        var figures = table4.OriginCells(table4.RowCount - 1).Select(c => c.Text).ToList();
        var expected = new[] { "review", "litigationDirect", "litigationAfterReview" }
            .SelectMany(g => new[] { "upheld", "corrected", "other", "pending", "total" }.Select(o => $"reviewLitigation.{g}.{o}"))
            .Select(p => truth.Fields[p]!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, figures);
        Assert.All(table4.Cells, c => Assert.NotNull(c.Confidence));
        Assert.All(table4.Cells, c => Assert.Equal(3, c.Provenance.Page));
    }

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void Extract_FlagsOcrFields_AndConfirmsOnlyBalancedOnes_WhenPdfIsAScan()
    {
        var result = new DocumentExtractor().ExtractFile(ScanPath);
        var score = Evaluator.Score(ScanPath, result, TruthFile.Load(TruthFile.For(ScanPath)!));

        Assert.Equal(0, score.SilentErrors);
        Assert.True(score.Correct >= 190, string.Join("\n", score.Wrong));
        var read = result.Fields.Values.Where(f => f.Value is not null).ToList();
        Assert.All(read, f => Assert.Contains(Flags.Ocr, f.Flags));
        // 表二 has no arithmetic to confirm a recognised figure: it stays for review, however sure the recognition.
        Assert.All(result.Fields.Where(f => f.Key.StartsWith("active.", StringComparison.Ordinal)), f => Assert.Equal(FieldStatus.Review, f.Value.Status));
        Assert.Contains(result.Warnings, w => w.Contains("OCR", StringComparison.Ordinal));
    }
}
