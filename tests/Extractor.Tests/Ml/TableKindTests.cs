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

/// <summary>What the table classifier must leave alone.</summary>
public class TableKindGuardTests
{
    [Fact]
    public void Segment_IgnoresHeadingSetInOneCellTable()
    {
        // Real pages set section headings such as 「(一)强化组织领导」 in one-cell tables; with no
        // column and no figure they are no template table, whatever the classifier thinks of （一）.
        var at = new Model.Provenance(Page: 1);
        var heading = new Model.Table([new Model.Cell(0, 0, "(一)强化组织领导", at)], at, "text-cells");
        var document = new Model.LayoutDocument { Format = "text", Pages = 1 };
        document.Blocks.Add(new Model.TableBlock(heading));

        var report = Segmentation.Segmenter.Segment(document, Mapping.Ml.LabelModel.Default);

        Assert.Empty(report.Rows);
        Assert.DoesNotContain(report.Warnings, w => w.Contains("label model", StringComparison.Ordinal));
    }
}
