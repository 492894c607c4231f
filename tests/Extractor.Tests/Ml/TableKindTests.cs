using Extractor.Evaluation;
using Extractor.Results;

namespace Extractor.Tests.Ml;

/// <summary>
/// Where no word of a table's header names it (garbled by OCR, no section heading above), the label
/// model's table classifier tells which table of the template it is; the rules alone cannot.
/// </summary>
public class TableKindTests
{
    private static readonly string Fixture = TestPaths.TestData("text", "noisy-review-header.txt");

    [Fact]
    public void Extract_PlacesGarbledReviewHeader_ByTableClassifier()
    {
        var result = new DocumentExtractor().ExtractFile(Fixture);
        var score = Evaluator.Score(Fixture, result, TruthFile.Load(TruthFile.For(Fixture)!));

        Assert.Equal(200, score.Correct);
        Assert.Equal(0, score.SilentErrors);
        Assert.Equal(13m, result.Fields["reviewLitigation.review.total"].Value);
        Assert.Contains(result.Warnings, w => w.Contains("taken for review by the label model", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_LeavesReviewTableMissing_WhenRulesDecideAlone()
    {
        var result = new DocumentExtractor(new ExtractorOptions { UseModel = false }).ExtractFile(Fixture);

        Assert.All(result.Fields.Where(f => f.Key.StartsWith("reviewLitigation.", StringComparison.Ordinal)),
            f => Assert.Equal(FieldStatus.Missing, f.Value.Status));
    }
}
