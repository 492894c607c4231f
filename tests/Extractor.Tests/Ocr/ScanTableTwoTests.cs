using Extractor.Evaluation;
using Extractor.Readers.Ocr;
using Extractor.Results;

namespace Extractor.Tests.Ocr;

/// <summary>
/// Scans whose 表二 went wrong (testdata/scan, scripts/testdata/make_scans.py): a row lost to a
/// misread label, figures with thousands separators read as fractions. Values from the truth files.
/// </summary>
public class ScanTableTwoTests
{
    [Theory]
    [InlineData("行政处加", "行政处罚")]
    [InlineData("行政许叮", "行政许可")]
    [InlineData("行政规范性文仵", "行政规范性文件")]
    [InlineData("行玫规范性文仵", "行政规范性文件")] // two in a label of seven
    [InlineData("行政事业性收贽", "行政事业性收费")]
    public void Snap_ReadsTableTwoLabel_WhenOneCharacterIsMisread(string read, string label) =>
        Assert.Equal(label, LabelLexicon.Snap(read));

    [Theory]
    [InlineData("行政处罚")]       // already a label
    [InlineData("行政复议")]       // 表四's header: a label of its own, one character from none of 表二's
    [InlineData("结果维持")]
    [InlineData("规章")]           // too short to tell from a misread
    [InlineData("行政强罚")]       // one character from 行政强制 and from 行政处罚: ambiguous
    [InlineData("123")]
    public void Snap_LeavesTextAlone_WhenNotUniquelyOneCharacterFromATableTwoLabel(string read) =>
        Assert.Equal(read, LabelLexicon.Snap(read));

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void Extract_ReadsEveryTableTwoRow_WhenChiSimMisreadsALabel()
    {
        // At 200 dpi chi_sim reads 行政处罚 as 行政处加: the row was dropped (active.punishment missing).
        var path = TestPaths.TestData("scan", "scan-ruled-200dpi.pdf");
        var truth = TruthFile.Load(TruthFile.For(path)!);

        var result = new DocumentExtractor().ExtractFile(path);

        foreach (var key in new[] { "regulations.issued", "normativeDocuments.inForce", "licensing", "punishment", "enforcement", "feesWanYuan" })
        {
            Assert.Equal(truth.Fields[$"active.{key}"], result.Fields[$"active.{key}"].Value);
        }
        Assert.Equal(0, Evaluator.Score(path, result, truth).SilentErrors);
    }

    [RequiresToolFact("tesseract", "pdftoppm")]
    public void Extract_ReadsThousandsSeparators_WhenScanned()
    {
        // The digits whitelist had no comma: 28,750 came out 28.750, 3,998 as 3.998.
        var path = TestPaths.TestData("scan", "scan-thousands-150dpi.pdf");
        var truth = TruthFile.Load(TruthFile.For(path)!);

        var result = new DocumentExtractor().ExtractFile(path);

        foreach (var p in new[] { "active.licensing", "active.feesWanYuan", "applications.newReceived.total", "applications.resultsTotal.total", "applications.newReceived.natural" })
        {
            Assert.True(truth.Fields[p] >= 1000, p);
            Assert.Equal(truth.Fields[p], result.Fields[p].Value);
            Assert.Contains(Flags.Ocr, result.Fields[p].Flags);
        }
        Assert.Equal(0, Evaluator.Score(path, result, truth).SilentErrors);
    }
}
