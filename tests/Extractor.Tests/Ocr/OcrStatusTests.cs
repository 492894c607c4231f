using Extractor.Model;
using Extractor.Readers;
using Extractor.Results;
using Extractor.Mapping;

namespace Extractor.Tests.Ocr;

/// <summary>
/// When an OCR figure may be ok: a balanced check must confirm it and it must have been read surely.
/// The seed report's layout, its cells given recognition certainties as the OCR reader gives them
/// (no Tesseract needed): every check balances.
/// </summary>
public class OcrStatusTests
{
    private static LayoutDocument SeedAsRecognised(Func<Table, Cell, double> certainty)
    {
        var path = TestPaths.TestData("text", "seed-juandong-town-2023.txt");
        var bytes = File.ReadAllBytes(path);
        var layout = ReaderRegistry.Default.Select(bytes, path).Read(bytes, Path.GetFileName(path), CancellationToken.None);
        var recognised = new LayoutDocument { Format = "pdf", Pages = layout.Pages };
        foreach (var block in layout.Blocks)
        {
            recognised.Blocks.Add(block is TableBlock { Table: var t }
                ? new TableBlock(new Table([.. t.Cells.Select(c => c with { Confidence = certainty(t, c) })], t.Provenance, "ocr"))
                : block);
        }
        return recognised;
    }

    /// <summary>The cell of the 「(一)予以公开」 row that holds the natural persons' figure (its first figure).</summary>
    private static bool IsGrantedNatural(Table table, Cell cell)
    {
        var row = table.OriginCells(cell.Row).ToList();
        return row.Any(c => c.Text.Contains("予以公开", StringComparison.Ordinal))
            && cell == row.First(c => c.Text.Trim() == "0");
    }

    [Fact]
    public void Build_LeavesAnUnsureOcrFigureForReview_EvenWhenItsChecksBalance()
    {
        var layout = SeedAsRecognised((t, c) => IsGrantedNatural(t, c) ? 0.5 : 0.9);
        // A threshold the unsure figure's calibrated confidence passes (it is about 0.97 here): the flag alone keeps it review.
        var extractor = new DocumentExtractor(new ExtractorOptions { OkThreshold = 0.9 });

        var result = extractor.Build(layout, "seed-scan.pdf", "sha", "pdf");

        Assert.All(result.Checks, c => Assert.True(c.Passed, c.Id));
        var unsure = result.Fields["applications.granted.natural"];
        Assert.Equal(0m, unsure.Value);
        Assert.True(unsure.Confidence >= 0.9, $"confidence {unsure.Confidence}");
        Assert.Contains(Flags.OcrUnsure, unsure.Flags);
        Assert.Equal(FieldStatus.Review, unsure.Status);
        // The flag goes with the result, so that re-deriving statuses (after an auditor's correction) keeps it review.
        var stored = ResultJson.Deserialize(ResultJson.Serialize(result))!;
        Validation.ConfidenceScorer.Restatus(stored, extractor.Threshold);
        Assert.Equal(FieldStatus.Review, stored.Fields["applications.granted.natural"].Status);
        Assert.Equal(FieldStatus.Ok, stored.Fields["applications.granted.commercial"].Status);
        // Its neighbours, read surely and confirmed by the same balanced checks, are ok.
        Assert.Equal(FieldStatus.Ok, result.Fields["applications.granted.commercial"].Status);
        Assert.Equal(FieldStatus.Ok, result.Fields["applications.partiallyGranted.natural"].Status);
    }

    [Fact]
    public void Build_MakesASureOcrFigureOk_WhenItsChecksBalance()
    {
        var layout = SeedAsRecognised((_, _) => RowValues.MinSureRecognition);

        var result = new DocumentExtractor().Build(layout, "seed-scan.pdf", "sha", "pdf");

        Assert.Equal(FieldStatus.Ok, result.Fields["applications.granted.natural"].Status);
    }
}
